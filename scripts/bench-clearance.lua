-- wrk script for scripts/bench-vs-cerbos.sh: POST /v1/decisions for organisations drawn in turn from
-- $SAMPLES (lines "id,share"); prints one RESULT line (decisions/s and latency percentiles in ms).
local ids = {}
local auth = os.getenv("AUTH_HEADER")
local counter = 0

function init(args)
  for line in io.lines(os.getenv("SAMPLES")) do
    local id = line:match("^([^,]+),")
    if id then ids[#ids + 1] = id end
  end
end

function request()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  local headers = { ["Content-Type"] = "application/json" }
  if auth and auth ~= "" then
    local name, value = auth:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  return wrk.format("POST", "/v1/decisions", headers,
    '{"subject": {"partyId": "' .. id .. '"}, "action": "api.access"}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50=%.3f p99=%.3f p999=%.3f non2xx=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
