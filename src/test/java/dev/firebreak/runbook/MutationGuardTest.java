package dev.firebreak.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MutationGuardTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", nullValues = "-", textBlock = """
            kubectl delete pod x -n y => kubectl delete
            kubectl -n shop delete pod x => kubectl delete
            kubectl --context=gke_a_b_c apply -f x.yaml => kubectl apply
            kubectl --context gke_a_b_c patch deploy x => kubectl patch
            kubectl rollout undo deployment/x => kubectl rollout undo
            kubectl rollout restart deployment/x => kubectl rollout restart
            kubectl scale deployment/x --replicas=3 => kubectl scale
            kubectl edit configmap x => kubectl edit
            kubectl drain node-1 --ignore-daemonsets => kubectl drain
            kubectl cordon node-1 => kubectl cordon
            kubectl exec -it pod-1 -- sh => kubectl exec
            kubectl certificate approve csr-1 => kubectl certificate approve
            /usr/local/bin/kubectl delete ns x => kubectl delete
            KUBECONFIG=/tmp/k sudo kubectl delete ns x => kubectl delete
            kubectl get pods | xargs kubectl delete pod => kubectl delete
            kubectl get pods && kubectl label pod x a=b => kubectl label
            timeout 30 watch -n 5 kubectl delete pod x => kubectl delete
            gcloud sql instances restart db-1 --project=p => gcloud restart
            gcloud sql instances failover db-1 => gcloud failover
            gcloud sql instances patch db-1 --tier=db-custom-2-7680 => gcloud patch
            gcloud compute instances delete vm-1 --zone=z => gcloud delete
            gcloud --project=p compute instances reset vm-1 => gcloud reset
            gcloud container clusters update c1 --enable-autoscaling => gcloud update
            gcloud projects add-iam-policy-binding p --member=x => gcloud add-iam-policy-binding
            gcloud pubsub subscriptions seek sub-1 --time=2026-01-01 => gcloud seek
            gcloud compute ssh vm-1 --command=uptime => gcloud ssh
            helm rollback release-1 3 => helm rollback
            argocd app sync shop => argocd sync
            gsutil rm gs://bucket/x => gsutil rm
            curl -X POST https://example.com/hook => curl -X POST
            curl --data @x.json https://example.com/hook => curl --data
            rm -rf /tmp/x => rm
            kubectl get pods -n shop -o wide => -
            kubectl describe pod x -n y => -
            kubectl -n delete get pods => -
            kubectl rollout history deployment/x => -
            kubectl rollout status deployment/x => -
            kubectl logs -n cert-manager deployment/cert-manager => -
            kubectl get events --field-selector reason=Delete => -
            gcloud sql instances describe db-1 --project=p => -
            gcloud sql operations list --instance=db-1 => -
            gcloud logging read 'severity>=ERROR AND textPayload:delete' => -
            gcloud compute instances describe {} --format='value(status)' => -
            gcloud container clusters get-credentials c1 --location=l => -
            gcloud compute backend-services get-health be --global => -
            gcloud monitoring uptime list-configs => -
            curl -sS -o /dev/null -w '%{http_code}' https://example.com/ => -
            curl -sSIL --max-time 10 -X GET https://example.com/ => -
            argocd app history shop => -
            echo | openssl s_client -connect h:443 2>/dev/null => -
            """)
    void detectsStateChangingVerbs(String command, String expectedVerb) {
        assertThat(MutationGuard.mutatingVerb(command).orElse(null)).isEqualTo(expectedVerb);
    }
}
