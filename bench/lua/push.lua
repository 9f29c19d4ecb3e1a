-- wrk script: Pub/Sub push deliveries (wrapped envelope, base64 data) of a real Cloud Monitoring notification shape
-- (src/test/resources/payloads/gcm/cm-1.2-gce-netbytes-open-sev-critical.json), every request a DISTINCT notification:
-- its own incident_id, its own resource (instance_id, so its own grouping key), its own message id. BENCH_TAG keeps
-- the phases of one run apart. Answered 204 when committed.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local tag = os.getenv("BENCH_TAG") or "run"

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local enc = {}
for i = 0, 63 do
    enc[i] = alphabet:sub(i + 1, i + 1)
end

function base64(s)
    local out, n, floor = {}, #s, math.floor
    for i = 1, n - 2, 3 do
        local a, b, c = s:byte(i, i + 2)
        local v = a * 65536 + b * 256 + c
        out[#out + 1] = enc[floor(v / 262144)] .. enc[floor(v / 4096) % 64] .. enc[floor(v / 64) % 64] .. enc[v % 64]
    end
    local rest = n % 3
    if rest == 1 then
        local v = s:byte(n) * 65536
        out[#out + 1] = enc[floor(v / 262144)] .. enc[floor(v / 4096) % 64] .. "=="
    elseif rest == 2 then
        local a, b = s:byte(n - 1, n)
        local v = a * 65536 + b * 256
        out[#out + 1] = enc[floor(v / 262144)] .. enc[floor(v / 4096) % 64] .. enc[floor(v / 64) % 64] .. "="
    end
    return table.concat(out)
end

-- JSON whitespace that makes a part a multiple of 3 bytes long, so base64(a .. b) == base64(a) .. base64(b)
local function pad3(s)
    return s .. string.rep(" ", (3 - #s % 3) % 3)
end

-- The notification = HEAD .. variable part .. TAIL; only the short variable part is encoded per request.
local HEAD = '{"incident":{' .. string.rep(" ", (3 - (#'{"incident":{"incident_id":"') % 3) % 3) .. '"incident_id":"'
local TAIL = '"condition":{"conditionThreshold":{"aggregations":[{"alignmentPeriod":"300s","perSeriesAligner":"ALIGN_RATE"}],'
    .. '"comparison":"COMPARISON_GT","duration":"0s","filter":"resource.type = \\"gce_instance\\" AND metric.type = '
    .. '\\"compute.googleapis.com/instance/network/sent_bytes_count\\" AND metric.labels.instance_name = \\"asia-pay-template\\"",'
    .. '"thresholdValue":2000,"trigger":{"count":1}},"displayName":"VM Instance - Sent bytes",'
    .. '"name":"projects/asia-pro-463111/alertPolicies/16449759919842446266/conditions/14514769801551309622"},'
    .. '"condition_name":"VM Instance - Sent bytes","documentation":{"content":"kkkkkkkkkkkkkkkkkkk","mime_type":"text/markdown",'
    .. '"subject":"[ALERT - Critical] restartGce"},"ended_at":null,"metadata":{"system_labels":{},"user_labels":{}},'
    .. '"metric":{"displayName":"Sent bytes","labels":{"loadbalanced":"false"},"type":"compute.googleapis.com/instance/network/sent_bytes_count"},'
    .. '"observed_value":"5072.020","policy_name":"重启Gce","policy_user_labels":{"restart_key":"restart_value"},'
    .. '"resource_display_name":"asia-pay-template","resource_id":"","resource_name":"asia-pro-463111 asia-pay-template",'
    .. '"resource_type_display_name":"VM Instance","scoping_project_id":"asia-pro-463111","scoping_project_number":1099221943211,'
    .. '"severity":"Critical","started_at":1756293629,"state":"open","summary":"Sent bytes for asia-pro-463111 asia-pay-template '
    .. 'with metric labels {loadbalanced=false} is above the threshold of 2000.000 with a value of 5072.020.","threshold_value":"2000",'
    .. '"url":"https://console.cloud.google.com/monitoring/alerting/alerts/0.nwg9th6llz4w?channelType=webhook&project=asia-pro-463111"},'
    .. '"version":"1.2"}'
local HEAD64 = base64(HEAD)
local TAIL64 = base64(TAIL)

local seq = 0
local publish_time = os.date("!%Y-%m-%dT%H:%M:%SZ")

-- The notification JSON of request n of this thread (also used by the harness self-check).
function notification_parts(thread_id, n)
    local id = string.format("%s-%03d-%09d", tag, thread_id, n)
    local variable = id .. '","resource":{"labels":{"instance_id":"' .. id
        .. '","project_id":"asia-pro-463111","zone":"asia-southeast1-c"},"type":"gce_instance"},'
    return id, pad3(variable)
end

function notification(thread_id, n)
    local _, variable = notification_parts(thread_id, n)
    return HEAD .. variable .. TAIL
end

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    seq = seq + 1
    local id, variable = notification_parts(tid, seq)
    local data = HEAD64 .. base64(variable) .. TAIL64
    local body = '{"message":{"attributes":{},"data":"' .. data .. '","messageId":"' .. id .. '","message_id":"' .. id
        .. '","publishTime":"' .. publish_time .. '","publish_time":"' .. publish_time
        .. '"},"subscription":"projects/bench/subscriptions/firebreak-push"}'
    return wrk.format(nil, nil, nil, body)
end
