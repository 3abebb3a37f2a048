-- wrk script for scripts/bench-decisions.sh: README's first decision (Spree Analytics, api.access), POSTed
-- again and again with the key in $AUTH_HEADER; prints one RESULT line (decisions/s, latency percentiles in ms).
local auth = os.getenv("AUTH_HEADER")

function request()
  local headers = { ["Content-Type"] = "application/json" }
  local name, value = auth:match("^([^:]+):%s*(.*)$")
  headers[name] = value
  return wrk.format("POST", "/v1/decisions", headers,
    '{"subject": {"partyId": "spree-analytics"}, "action": "api.access"}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.0f decisions/s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; non-2xx %d, errors %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
