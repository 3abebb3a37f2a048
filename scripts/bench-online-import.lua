-- wrk script for scripts/bench-online-import.sh: decisions (api.access) on the parties listed one a line in
-- $PARTIES_FILE, in turn, with the key in $AUTH_HEADER; prints one RESULT line (decisions/s, latency
-- percentiles in ms, non-2xx answers and socket errors).
local auth = os.getenv("AUTH_HEADER")
local parties = {}
for line in io.lines(os.getenv("PARTIES_FILE")) do
  if line ~= "" then parties[#parties + 1] = line end
end
local next_party = 0

function request()
  next_party = next_party % #parties + 1
  local headers = { ["Content-Type"] = "application/json" }
  local name, value = auth:match("^([^:]+):%s*(.*)$")
  headers[name] = value
  return wrk.format("POST", "/v1/decisions", headers,
    '{"subject": {"partyId": "' .. parties[next_party] .. '"}, "action": "api.access"}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.0f decisions/s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d decisions, non-2xx %d, errors %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
