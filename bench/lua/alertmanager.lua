-- wrk script: one alert per POST /api/v2/alerts to Prometheus Alertmanager (a JSON array with one alert), the same
-- alert as push.lua in Alertmanager's shape, with distinct labels per request. Answered 200 when accepted.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local tag = os.getenv("BENCH_TAG") or "run"
local seq = 0
local starts_at = os.date("!%Y-%m-%dT%H:%M:%SZ")

function init(args)
    wrk.method = "POST"
    wrk.path = "/api/v2/alerts"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    seq = seq + 1
    local id = string.format("%s-%03d-%09d", tag, tid, seq)
    local body = '[{"labels":{"alertname":"VM Instance - Sent bytes","severity":"critical","policy":"重启Gce",'
        .. '"incident_id":"' .. id .. '","instance_id":"' .. id .. '","project_id":"asia-pro-463111",'
        .. '"zone":"asia-southeast1-c","resource_type":"gce_instance"},'
        .. '"annotations":{"summary":"Sent bytes for asia-pro-463111 asia-pay-template with metric labels {loadbalanced=false} '
        .. 'is above the threshold of 2000.000 with a value of 5072.020.","description":"[ALERT - Critical] restartGce"},'
        .. '"startsAt":"' .. starts_at .. '",'
        .. '"generatorURL":"https://console.cloud.google.com/monitoring/alerting/alerts/' .. id .. '?project=asia-pro-463111"}]'
    return wrk.format(nil, nil, nil, body)
end
