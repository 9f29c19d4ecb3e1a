package dev.firebreak.runbook;

import static dev.firebreak.incident.workflow.ResponseStep.ASSESS_IMPACT;
import static dev.firebreak.incident.workflow.ResponseStep.IMMEDIATE_RESPONSE;
import static dev.firebreak.incident.workflow.ResponseStep.POST_INCIDENT_REVIEW;
import static dev.firebreak.incident.workflow.ResponseStep.RESOLUTION;
import static dev.firebreak.incident.workflow.ResponseStep.ROOT_CAUSE_ANALYSIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Alert;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * One real-shaped alert per resource family: which rule answers, and the exact commands that matter most.
 */
class RunbookFamiliesTest {
    private static final String CTX = "--context=gke_p1_europe-west1_c1";
    private static final String POD = "checkout-7d9f8b6c5d-x2x7q";
    private static final String WINDOW = "timestamp>=\"2026-11-24T09:50:00Z\" AND timestamp<=\"2026-11-24T10:30:00Z\"";

    private final Runbook runbook = new Runbook(DiagnosticCatalog.builtIn(), Clock.fixed(AlertFixture.NOW, ZoneOffset.UTC));

    /** Every built-in rule appears here at least once, so a new rule cannot ship untested. */
    static Stream<Arguments> families() {
        return Stream.of(
                family("k8s container, any metric", "k8s-pods",
                        AlertFixture.k8sContainer(POD, "app").metric("kubernetes.io/container/cpu/limit_utilization")),
                family("k8s container OOMKilled", "k8s-pod-oom",
                        AlertFixture.k8sContainer(POD, "app").metric("kubernetes.io/container/memory/limit_utilization")),
                family("k8s pod crash loop", "k8s-pod-crashloop",
                        AlertFixture.k8sContainer(POD, "app").summary("Container app is in CrashLoopBackOff")),
                family("k8s pod pending", "k8s-pod-pending",
                        AlertFixture.k8sContainer(POD, "app").condition("Unschedulable pods in shop")),
                family("k8s node", "k8s-nodes",
                        AlertFixture.resource("k8s_node", "project_id", "p1", "location", "europe-west1", "cluster_name",
                                "c1", "node_name", "gke-c1-pool-1-8f3a2b1c-xk2p")),
                family("gke cluster", "k8s-cluster",
                        AlertFixture.resource("k8s_cluster", "project_id", "p1", "location", "europe-west1",
                                "cluster_name", "c1")),
                family("managed prometheus target", "k8s-prometheus-target",
                        AlertFixture.resource("prometheus_target", "project_id", "p1", "location", "europe-west1",
                                "cluster", "c1", "namespace", "shop", "job", "api")),
                family("cert-manager certificate expiry metric", "certificates",
                        AlertFixture.resource("prometheus_target", "project_id", "p1", "location", "europe-west1",
                                "cluster", "c1", "namespace", "shop")
                                .metric(
                                        "prometheus.googleapis.com/certmanager_certificate_expiration_timestamp_seconds/gauge",
                                        "name", "api-tls")),
                family("cert-manager log filter", "certificates",
                        AlertFixture.k8sContainer("cert-manager-6d4f5c7b8-abcde", "cert-manager-controller")
                                .logMatch("resource.labels.namespace_name=\"cert-manager\" AND textPayload:\"error\"")),
                family("argo cd out of sync", "argocd",
                        AlertFixture.resource("k8s_cluster", "project_id", "p1", "location", "europe-west1",
                                "cluster_name", "c1").policy("Argo CD application OutOfSync").userLabels("app", "shop")),
                family("ingress 5xx", "ingress",
                        AlertFixture.resource("k8s_cluster", "project_id", "p1", "location", "europe-west1",
                                "cluster_name", "c1").policy("Ingress 5xx ratio")),
                family("cloud sql", "cloudsql",
                        AlertFixture.resource("cloudsql_database", "database_id", "p1:orders-db", "region",
                                "europe-west1", "project_id", "p1")
                                .metric("cloudsql.googleapis.com/database/cpu/utilization")
                                .userLabels("app", "orders", "namespace", "shop")),
                family("gce vm (real sample shape)", "gce-instance",
                        AlertFixture.resource("gce_instance", "instance_id", "3453121075891706391", "zone",
                                "asia-southeast1-c", "project_id", "asia-pro-463111")
                                .displayName("asia-pay-template")
                                .metric("compute.googleapis.com/instance/network/sent_bytes_count", "loadbalanced", "false")),
                family("uptime check (2020 sample shape)", "uptime",
                        AlertFixture.resource("uptime_url", "host", "MYHOST")
                                .summary("An uptime check on Uptime Check URL labels {host=MYHOST} is failing.")),
                family("uptime ssl expiry", "uptime-ssl-certificate",
                        AlertFixture.resource("uptime_url", "host", "shop.example.com", "project_id", "p1")
                                .condition("SSL certificate expiring soon")),
                family("https load balancer", "load-balancer",
                        AlertFixture.resource("https_lb_rule", "project_id", "p1", "region", "global",
                                "forwarding_rule_name", "fr-web", "url_map_name", "um-web", "backend_target_name",
                                "be-web")),
                family("pubsub subscription", "pubsub-subscription",
                        AlertFixture.resource("pubsub_subscription", "project_id", "p1", "subscription_id", "orders-sub")),
                family("pubsub topic", "pubsub-topic",
                        AlertFixture.resource("pubsub_topic", "project_id", "p1", "topic_id", "orders")),
                family("log match elsewhere", "log-match",
                        AlertFixture.resource("gae_app", "project_id", "p1", "module_id", "default")
                                .logMatch("severity>=ERROR AND textPayload:\"boom\"")),
                family("nat gateway (no rule)", "fallback",
                        AlertFixture.resource("nat_gateway", "project_id", "p1", "gateway_name", "nat-1")));
    }

    private static Arguments family(String name, String ruleId, AlertFixture alert) {
        return Arguments.of(name, ruleId, alert.build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void firstMatchingRuleAnswersWithCommandsForEveryStep(String name, String ruleId, Alert alert) {
        Suggestion suggestion = runbook.suggestion(alert);

        assertThat(suggestion.ruleId()).isEqualTo(ruleId);
        assertThat(suggestion.commands().keySet()).containsExactly(ResponseStep.values());
        suggestion.commands().forEach((step, commands) -> assertThat(commands).as(step.wireName()).isNotEmpty());
    }

    @Test
    void everyBuiltInRuleIsCoveredByAFamily() {
        Set<String> covered = families().map(arguments -> (String) arguments.get()[1]).collect(Collectors.toSet());
        Set<String> builtIn = Stream.concat(DiagnosticCatalog.builtIn().rules().stream(),
                DiagnosticCatalog.builtIn().fallback().stream()).map(DiagnosticRule::id).collect(Collectors.toSet());

        assertThat(covered).isEqualTo(builtIn);
    }

    static Stream<Arguments> keyCommands() {
        Alert container = AlertFixture.k8sContainer(POD, "app").build();
        Alert crashLoop = AlertFixture.k8sContainer(POD, "app").summary("CrashLoopBackOff").build();
        Alert oom = AlertFixture.k8sContainer(POD, "app").summary("OOMKilled").build();
        Alert pending = AlertFixture.k8sContainer(POD, "app")
                .summary("0/3 nodes are available: Insufficient cpu")
                .build();
        Alert node = AlertFixture.resource("k8s_node", "project_id", "p1", "location", "europe-west1", "cluster_name",
                "c1", "node_name", "gke-c1-pool-1-8f3a2b1c-xk2p").build();
        Alert cluster = AlertFixture.resource("gke_cluster", "project_id", "p1", "location", "europe-west1",
                "cluster_name", "c1").build();
        Alert certificate = AlertFixture.k8sContainer("api-0", "api")
                .policy("Certificate expiring")
                .userLabels("certificate", "api-tls")
                .build();
        Alert argo = AlertFixture.k8sContainer("argocd-server-0", "server").build();
        Alert cloudSql = AlertFixture.resource("cloudsql_database", "database_id", "p1:orders-db", "region",
                "europe-west1", "project_id", "p1").userLabels("app", "orders", "namespace", "shop").build();
        Alert vm = AlertFixture.resource("gce_instance", "instance_id", "3453121075891706391", "zone",
                "asia-southeast1-c", "project_id", "asia-pro-463111").displayName("asia-pay-template").build();
        Alert uptime = AlertFixture.resource("uptime_url", "host", "MYHOST").build();
        Alert uptimeWithProject = AlertFixture.resource("uptime_url", "host", "shop.example.com", "project_id", "p1")
                .build();
        Alert ssl = AlertFixture.resource("uptime_url", "host", "shop.example.com").condition("SSL expiry").build();
        Alert lb = AlertFixture.resource("https_lb_rule", "project_id", "p1", "forwarding_rule_name", "fr-web",
                "url_map_name", "um-web", "backend_target_name", "be-web").build();
        Alert subscription = AlertFixture.resource("pubsub_subscription", "project_id", "p1", "subscription_id",
                "orders-sub").build();
        Alert logMatch = AlertFixture.resource("gae_app", "project_id", "p1").logMatch("severity>=ERROR").build();
        Alert nat = AlertFixture.resource("nat_gateway", "project_id", "p1", "gateway_name", "nat-1").build();
        return Stream.of(
                Arguments.of(container, ASSESS_IMPACT, List.of(
                        "kubectl describe pod " + POD + " -n shop " + CTX,
                        "kubectl get pods -n shop -o wide " + CTX,
                        "kubectl get events -n shop --sort-by=.lastTimestamp " + CTX,
                        "kubectl top pod " + POD + " -n shop " + CTX,
                        "gcloud container clusters get-credentials c1 --location=europe-west1 --project=p1")),
                Arguments.of(container, IMMEDIATE_RESPONSE, List.of(
                        "kubectl rollout history deployment/checkout -n shop " + CTX,
                        "kubectl rollout undo deployment/checkout -n shop " + CTX,
                        "kubectl rollout restart deployment/checkout -n shop " + CTX,
                        "kubectl scale deployment/checkout -n shop --replicas=<replicas> " + CTX)),
                Arguments.of(container, ROOT_CAUSE_ANALYSIS, List.of(
                        "kubectl logs " + POD + " -n shop -c app --previous " + CTX)),
                Arguments.of(crashLoop, ROOT_CAUSE_ANALYSIS, List.of(
                        "kubectl logs " + POD + " -n shop -c app --previous " + CTX,
                        "kubectl describe pod " + POD + " -n shop " + CTX)),
                Arguments.of(oom, ASSESS_IMPACT, List.of(
                        "kubectl get pod " + POD + " -n shop -o jsonpath='{range .status.containerStatuses[*]}{.name}"
                                + "{\"\\t\"}{.restartCount}{\"\\t\"}{.lastState.terminated.reason}{\"\\n\"}{end}' " + CTX,
                        "kubectl top pod " + POD + " -n shop --containers " + CTX)),
                Arguments.of(pending, ASSESS_IMPACT, List.of(
                        "kubectl get pods -n shop --field-selector=status.phase=Pending -o wide " + CTX)),
                Arguments.of(node, ASSESS_IMPACT, List.of(
                        "kubectl get nodes -o wide " + CTX,
                        "kubectl describe node gke-c1-pool-1-8f3a2b1c-xk2p " + CTX,
                        "kubectl top nodes " + CTX,
                        "kubectl get pods --all-namespaces --field-selector spec.nodeName=gke-c1-pool-1-8f3a2b1c-xk2p -o wide "
                                + CTX)),
                Arguments.of(cluster, ASSESS_IMPACT, List.of(
                        "kubectl get nodes " + CTX,
                        "kubectl top nodes " + CTX,
                        "kubectl get pods --all-namespaces " + CTX)),
                Arguments.of(certificate, ASSESS_IMPACT, List.of(
                        "kubectl get certificates --all-namespaces " + CTX,
                        "kubectl describe certificate api-tls -n shop " + CTX)),
                Arguments.of(certificate, ROOT_CAUSE_ANALYSIS, List.of(
                        "kubectl logs -n cert-manager deployment/cert-manager --since=1h " + CTX)),
                Arguments.of(argo, ASSESS_IMPACT, List.of("kubectl get applications -n argocd " + CTX)),
                Arguments.of(cloudSql, ASSESS_IMPACT, List.of(
                        "gcloud sql instances describe orders-db --project=p1",
                        "gcloud sql operations list --instance=orders-db --project=p1 --limit=10",
                        "kubectl logs -n shop deployment/orders --since=1h")),
                Arguments.of(vm, ASSESS_IMPACT, List.of(
                        "gcloud compute instances describe asia-pay-template --zone=asia-southeast1-c --project=asia-pro-463111",
                        "gcloud compute operations list --project=asia-pro-463111 --filter='targetLink:\"asia-pay-template\" "
                                + "AND insertTime>=\"2026-11-24T09:50:00Z\"'")),
                Arguments.of(vm, IMMEDIATE_RESPONSE, List.of(
                        "gcloud compute instances get-serial-port-output asia-pay-template --zone=asia-southeast1-c "
                                + "--project=asia-pro-463111",
                        "gcloud compute instances reset asia-pay-template --zone=asia-southeast1-c --project=asia-pro-463111")),
                Arguments.of(uptime, ASSESS_IMPACT, List.of(
                        "curl -sS -o /dev/null -w '%{http_code} %{time_total}\\n' https://MYHOST/",
                        "gcloud monitoring uptime list-configs",
                        "dig +short MYHOST")),
                Arguments.of(uptimeWithProject, POST_INCIDENT_REVIEW, List.of(
                        "gcloud logging read 'resource.type=\"http_load_balancer\" AND httpRequest.requestUrl:\"shop.example.com\" AND "
                                + WINDOW + "' --project=p1 --limit=200 --order=asc",
                        "gcloud monitoring uptime list-configs --project=p1")),
                Arguments.of(ssl, ASSESS_IMPACT, List.of(
                        "echo | openssl s_client -connect shop.example.com:443 -servername shop.example.com 2>/dev/null "
                                + "| openssl x509 -noout -dates -subject -issuer",
                        "curl -sS -o /dev/null -w '%{http_code} %{time_total}\\n' https://shop.example.com/")),
                Arguments.of(lb, ASSESS_IMPACT, List.of(
                        "gcloud compute backend-services get-health be-web --global --project=p1",
                        "gcloud compute forwarding-rules describe fr-web --global --project=p1",
                        "gcloud compute url-maps describe um-web --global --project=p1")),
                Arguments.of(subscription, ASSESS_IMPACT, List.of(
                        "gcloud pubsub subscriptions describe orders-sub --project=p1")),
                Arguments.of(subscription, IMMEDIATE_RESPONSE, List.of(
                        "gcloud pubsub subscriptions describe orders-sub --project=p1")),
                Arguments.of(logMatch, ASSESS_IMPACT, List.of(
                        "gcloud logging read '(severity>=ERROR) AND " + WINDOW + "' --project=p1 --limit=50")),
                Arguments.of(nat, ASSESS_IMPACT, List.of(
                        "gcloud logging read 'resource.type=\"nat_gateway\" AND resource.labels.gateway_name=\"nat-1\" AND "
                                + "resource.labels.project_id=\"p1\" AND " + WINDOW + "' --project=p1 --limit=50")),
                Arguments.of(nat, RESOLUTION, List.of(
                        "gcloud logging read 'resource.type=\"nat_gateway\" AND resource.labels.gateway_name=\"nat-1\" AND "
                                + "resource.labels.project_id=\"p1\" AND severity>=ERROR' --project=p1 --freshness=15m --limit=20")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("keyCommands")
    void rendersTheKeyCommandsFirstAndExactly(Alert alert, ResponseStep step, List<String> expectedFirst) {
        List<String> commands = runbook.suggest(alert, step).stream().map(DiagnosticCommand::command).toList();

        assertThat(commands).startsWith(expectedFirst.toArray(String[]::new));
    }

    @Test
    void subscriptionWithoutAKnownConsumerOffersNoConsumerCommands() {
        Alert subscription = AlertFixture.resource("pubsub_subscription", "project_id", "p1", "subscription_id",
                "orders-sub").build();

        assertThat(runbook.suggest(subscription, IMMEDIATE_RESPONSE)).extracting(DiagnosticCommand::command)
                .containsExactly("gcloud pubsub subscriptions describe orders-sub --project=p1");
    }

    @Test
    void subscriptionWithAConsumerLabelOffersToScaleIt() {
        Alert subscription = AlertFixture.resource("pubsub_subscription", "project_id", "p1", "subscription_id",
                "orders-sub").userLabels("app", "orders-worker", "namespace", "shop").build();

        assertThat(runbook.suggest(subscription, IMMEDIATE_RESPONSE)).filteredOn(DiagnosticCommand::mutating)
                .extracting(DiagnosticCommand::command)
                .containsExactly("kubectl scale deployment/orders-worker -n shop --replicas=<replicas>",
                        "kubectl rollout restart deployment/orders-worker -n shop");
    }

    @Test
    void stepsARuleLeavesOutComeFromTheFallback() {
        Alert topic = AlertFixture.resource("pubsub_topic", "project_id", "p1", "topic_id", "orders").build();

        assertThat(runbook.suggest(topic, RESOLUTION)).extracting(DiagnosticCommand::command)
                .containsExactly(
                        "gcloud logging read 'resource.type=\"pubsub_topic\" AND resource.labels.project_id=\"p1\" AND "
                                + "resource.labels.topic_id=\"orders\" AND severity>=ERROR' --project=p1 --freshness=15m --limit=20");
    }
}
