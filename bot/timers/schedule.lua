-- Create a timer, or (mode 'response') a response timer unless the case already has one open.
-- A: mode, kind, case, chat, agent, note, src, created_by, now, due, explicit thresholds JSON,
--    default thresholds JSON, retention_s.
local mode, kind, case, chat, agent = A[1], A[2], A[3], A[4], A[5]
local note, src, created_by = A[6], A[7], A[8]
local now, due = tonumber(A[9]), tonumber(A[10])
local explicit, defaults, retention_s = A[11], A[12], A[13]

-- Checked and created in one script: two processes told "the customer wrote" at once
-- must not both start a response timer.
if mode == 'response' then
  local existing = open_response(case)
  if existing then
    return { 'existing', redis.call('HGETALL', K.t .. existing) }
  end
end

local th
if explicit ~= '' then
  th = cjson.decode(explicit)
else
  th = cjson.decode(redis.call('HGET', K.thresholds, chat) or defaults)
end

if mode == 'response' then
  local replies = tonumber(redis.call('GET', K.replies .. case) or '0')
  local wait_s = th.response_first_s
  if replies > 0 then wait_s = th.response_next_s end
  due = now + wait_s * 1000
end

local id = base36(redis.call('INCR', K.seq))
local h = K.t .. id
local remind = remind_at(due, th.remind_before_s, now)
redis.call('HSET', h,
  'id', id, 'kind', kind, 'case', case, 'chat', chat, 'agent', agent, 'note', note,
  'created', ms(now), 'due', ms(due), 'remind', ms(remind), 'stage', '0', 'status', 'open',
  'rb', ms(th.remind_before_s), 'og', ms(th.overdue_grace_s), 'ea', ms(th.escalate_after_s),
  'snoozes', '0')
if src ~= '' then redis.call('HSET', h, 'src', src) end
if created_by ~= '' then redis.call('HSET', h, 'by', created_by) end
local _, first = next_event(0, due, remind, 0, 0)
redis.call('ZADD', K.due, ms(first), id)
redis.call('SADD', K.agent .. agent, id)
redis.call('SADD', K.chat .. chat, id)
case_add(case, id)
return { 'new', redis.call('HGETALL', h), ms(first) }
