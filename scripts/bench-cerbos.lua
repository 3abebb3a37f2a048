-- wrk script for scripts/bench-vs-cerbos.sh: Cerbos's POST /api/check/resources for the same organisations
-- as bench-clearance.lua, each with its banned-ownership share precomputed (Cerbos computes no ownership).
local rows = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("SAMPLES")) do
    local id, share, country = line:match("^([^,]+),([^,]+),([^,]+)$")
    if id then rows[#rows + 1] = { id, share, country } end
  end
end

function request()
  counter = counter + 1
  local row = rows[(counter % #rows) + 1]
  return wrk.format("POST", "/api/check/resources", { ["Content-Type"] = "application/json" },
    '{"requestId": "bench", "principal": {"id": "' .. row[1] .. '", "roles": ["org"], "attr": {"jurisdiction": "'
    .. row[3] .. '", "bannedOwnershipShare": ' .. row[2] .. '}}, "resources": [{"actions": ["access"],'
    .. ' "resource": {"kind": "model_api", "id": "gpt"}}]}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50=%.3f p99=%.3f p999=%.3f non2xx=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
