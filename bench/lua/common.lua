-- Shared by the wrk scripts of bench/: counts answers by status in every thread, optionally paces requests to a fixed
-- total rate (BENCH_RATE requests/s over BENCH_THREADS threads), and prints "BENCH key=value" lines at the end that
-- bench/run.sh reads. Load it with dofile() before defining init() and request().

local ok_status = tonumber(os.getenv("BENCH_OK_STATUS") or "204")
local threads = {}
local thread_count = 0

-- main state: give each thread a number, keep them to sum their counters in done()
function setup(thread)
    thread_count = thread_count + 1
    thread:set("tid", thread_count)
    table.insert(threads, thread)
end

-- per thread: answers by class
ok_count, other_2xx, status_4xx, status_5xx, status_other = 0, 0, 0, 0, 0

function response(status, headers, body)
    if status == ok_status then
        ok_count = ok_count + 1
    elseif status >= 200 and status < 300 then
        other_2xx = other_2xx + 1
    elseif status >= 400 and status < 500 then
        status_4xx = status_4xx + 1
    elseif status >= 500 then
        status_5xx = status_5xx + 1
    else
        status_other = status_other + 1
    end
end

-- Pacing: slots at a fixed interval per thread, shared by its connections; a request never goes before its slot and
-- late slots are not made up in a burst, so the rate never exceeds the target. wrk measures latency from the actual
-- send, so this is not corrected for coordinated omission: run.sh checks the achieved rate against the target.
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
if rate > 0 then
    local ffi = require("ffi")
    ffi.cdef([[
        typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
        int clock_gettime(int clock_id, bench_timespec *tp);
    ]])
    local ts = ffi.new("bench_timespec")
    local function now_ms()
        ffi.C.clock_gettime(1, ts)
        return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
    end
    local interval = 1000 * tonumber(os.getenv("BENCH_THREADS") or "1") / rate
    local next_slot = nil
    function delay()
        local now = now_ms()
        if next_slot == nil or next_slot < now then
            next_slot = now
        end
        local wait = next_slot - now
        next_slot = next_slot + interval
        return math.floor(wait)
    end
end

function done(summary, latency, requests)
    local sums = { ok = 0, other_2xx = 0, status_4xx = 0, status_5xx = 0, status_other = 0 }
    for _, t in ipairs(threads) do
        sums.ok = sums.ok + t:get("ok_count")
        sums.other_2xx = sums.other_2xx + t:get("other_2xx")
        sums.status_4xx = sums.status_4xx + t:get("status_4xx")
        sums.status_5xx = sums.status_5xx + t:get("status_5xx")
        sums.status_other = sums.status_other + t:get("status_other")
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    -- wrk calls response() only for answers that carry headers; Firebreak's 204 carries none. So the answers not seen
    -- by response() are the 204s, less any status >= 400 that wrk saw without headers (run.sh checks the database too).
    local seen = sums.ok + sums.other_2xx + sums.status_4xx + sums.status_5xx + sums.status_other
    local unseen = summary.requests - seen
    local unseen_errors = math.max(0, e.status - sums.status_4xx - sums.status_5xx)
    if ok_status == 204 then
        sums.ok = sums.ok + unseen - unseen_errors
    else
        unseen_errors = unseen
    end
    sums.status_other = sums.status_other + unseen_errors
    local lines = {
        string.format("requests=%d", summary.requests),
        string.format("seconds=%.3f", seconds),
        string.format("ok=%d", sums.ok),
        string.format("ok_per_s=%.1f", sums.ok / seconds),
        string.format("other_2xx=%d", sums.other_2xx),
        string.format("status_4xx=%d", sums.status_4xx),
        string.format("status_5xx=%d", sums.status_5xx),
        string.format("status_other=%d", sums.status_other),
        string.format("socket_errors=%d", e.connect + e.read + e.write + e.timeout),
        string.format("timeouts=%d", e.timeout),
        string.format("errors=%d", sums.other_2xx + sums.status_4xx + sums.status_5xx + sums.status_other
            + e.connect + e.read + e.write + e.timeout),
        string.format("p50_ms=%.2f", latency:percentile(50) / 1000),
        string.format("p90_ms=%.2f", latency:percentile(90) / 1000),
        string.format("p99_ms=%.2f", latency:percentile(99) / 1000),
        string.format("max_ms=%.2f", latency.max / 1000),
        string.format("mean_ms=%.2f", latency.mean / 1000),
    }
    for _, line in ipairs(lines) do
        io.write("BENCH ", line, "\n")
    end
end
