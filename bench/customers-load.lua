-- wrk script for bench/customers.sh: the seed's k6 iteration. Each connection is one virtual user that requests
-- the four URLs in turn, pausing THINK_MS after each (k6's sleep(1)); THINK_MS=0 saturates the server instead.
-- PREFIX is "/api/customers?" or "/api/customers/naive?"; TOKEN is a bearer token.
local paths = { "page_size=20", "first_name=Anthony", "search=Nicholas%20Heights", "ordering=descending&sort_by=created" }
local prefix = os.getenv("PREFIX") or "/api/customers?"
local headers = { Authorization = "Bearer " .. (os.getenv("TOKEN") or "") }
local think = tonumber(os.getenv("THINK_MS") or "1000")
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", prefix .. paths[i], headers)
end

delay = function()
  return think
end

done = function(summary, latency, requests)
  local e = summary.errors
  local failures = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT p50=%.2f p95=%.2f p99=%.2f max=%.2f rps=%.2f requests=%d failures=%d timeouts=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, failures, e.timeout, e.status))
end
