-- wrk script for scripts/soak.sh: decisions at a steady rate. Each connection waits DELAY_MS between its
-- requests (wrk's delay hook), so the rate is about connections * 1000 / DELAY_MS per second whatever the
-- latency, instead of as fast as the server goes. A mix of permits, denials, a reseller and a refusal.
function init(args)
  n = 0
  delay_ms = tonumber(os.getenv("DELAY_MS") or "40")
  bodies = {
    '{"subject": {"partyId": "spree-analytics"}, "action": "api.access"}',
    '{"subject": {"partyId": "harbor-ai"}, "action": "api.access"}',
    '{"subject": {"partyId": "mei-chen"}, "action": "commercial.partnership"}',
    '{"subject": {"partyId": "cloudbridge-resellers"}, "action": "api.access", "onBehalfOf": {"partyId": "spree-analytics"}}',
    '{"subject": {"partyId": "dragon-holdings"}, "action": "publication.read"}',
    '{"subject": {"partyId": "fjall-robotics"}, "action": "api.access"}',
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

function delay()
  return delay_ms
end

function request()
  n = n + 1
  return wrk.format("POST", "/v1/decisions", headers, bodies[(n % #bodies) + 1])
end
