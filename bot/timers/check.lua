-- Before sending: for each alert (A: key, id, due, ...) say 'sent' (a sent-marker exists),
-- 'stale' (the timer was resolved or snoozed since it was claimed) or 'send'. Notices have no
-- timer (id '') and are only checked for the marker.
local out = {}
for i = 1, #A, 3 do
  local key, id, due = A[i], A[i + 1], A[i + 2]
  if redis.call('EXISTS', K.sent .. key) == 1 then
    out[#out + 1] = 'sent'
  elseif id == '' then
    out[#out + 1] = 'send'
  else
    local f = redis.call('HMGET', K.t .. id, 's', 'd')
    if f[1] ~= 'open' or f[2] ~= due then
      out[#out + 1] = 'stale'
    else
      out[#out + 1] = 'send'
    end
  end
end
return out
