-- wrk script for scripts/audit-kill9.sh: asks for decisions (a few of them refused) and writes every
-- decision id it receives, one per line, to $IDS_DIR/ids-<thread>.txt. Only complete responses count.
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  out = io.open(os.getenv("IDS_DIR") .. "/ids-" .. tid .. ".txt", "w")
  -- line buffered: an id is on disk as soon as wrk has read its response
  out:setvbuf("line")
  n = 0
  bodies = {
    '{"subject": {"partyId": "spree-analytics"}, "action": "api.access"}',
    '{"subject": {"partyId": "harbor-ai"}, "action": "api.access"}',
    '{"subject": {"partyId": "mei-chen"}, "action": "commercial.partnership"}',
    '{"subject": {"partyId": "cloudbridge-resellers"}, "action": "api.access", "onBehalfOf": {"partyId": "spree-analytics"}}',
    '{"subject": {"partyId": "dragon-holdings"}, "action": "publication.read"}',
    '{"subject": {"partyId": "no-such-party"}, "action": "api.access"}',
  }
  headers = { ["Content-Type"] = "application/json" }
  -- "Authorization: Bearer clr_...", set by the calling script: authentication is on, as in production.
  local auth = os.getenv("AUTH_HEADER")
  if auth ~= nil and auth ~= "" then
    local name, value = string.match(auth, "^([^:]+):%s*(.*)$")
    headers[name] = value
  end
end

function request()
  n = n + 1
  return wrk.format("POST", "/v1/decisions", headers, bodies[(n % #bodies) + 1])
end

function response(status, hdrs, body)
  local id = hdrs["Clearance-Decision-Id"] or hdrs["clearance-decision-id"]
  if id == nil then
    id = string.match(body, '"decisionId":"([^"]+)"')
  end
  if id ~= nil then
    out:write(id, "\n")
  end
end
