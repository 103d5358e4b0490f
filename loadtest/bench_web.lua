-- wrk script for `make bench-web`: counts answers other than 200 (wrk itself counts only
-- 4xx/5xx, so a redirect to the login page would pass as success) and prints one line
-- the Python driver parses: requests, duration, errors and latency percentiles (µs).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d not_ok=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, bad,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
