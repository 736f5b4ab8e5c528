-- Create a timer, or (mode 'response') a response timer unless the case already has one open.
-- A: mode, kind, case, chat, agent, note, src, created_by, now, due, explicit thresholds,
--    default thresholds (both 'remind_before_s,overdue_grace_s,escalate_after_s,first_s,next_s';
--    the explicit ones may be ''). A team's own thresholds are JSON in K.thresholds.
local mode, kind, case, chat, agent = A[1], A[2], A[3], A[4], A[5]
local note, src, created_by = A[6], A[7], A[8]
local now, due = tonumber(A[9]), tonumber(A[10])
local explicit, defaults = A[11], A[12]

-- Checked and created in one script: two processes told "the customer wrote" at once
-- must not both start a response timer.
if mode == 'response' then
  local existing = open_response(case)
  if existing then return { 'existing', with_id(existing) } end
end

local th
if explicit ~= '' then
  th = explicit
else
  local team = redis.call('HGET', K.thresholds, chat)
  if team then
    local t = cjson.decode(team)
    th = table.concat({ t.remind_before_s, t.overdue_grace_s, t.escalate_after_s,
      t.response_first_s, t.response_next_s }, ',')
  else
    th = defaults
  end
end
local rb_s, og, ea, first_s, next_s = string.match(th, '^(%d+),(%d+),(%d+),(%d+),(%d+)$')
local rb = tonumber(rb_s)

if mode == 'response' then
  local replies = tonumber(redis.call('GET', K.replies .. case) or '0')
  local wait_s = tonumber(first_s)
  if replies > 0 then wait_s = tonumber(next_s) end
  due = now + wait_s * 1000
end

local id = base36(redis.call('INCR', K.seq))
local h = K.t .. id
local remind = remind_at(due, rb, now)
local kept_th = rb_s .. ',' .. og .. ',' .. ea
redis.call('HSET', h,
  'k', kind, 'cs', case, 'ch', chat, 'ag', agent, 'n', note, 'c', ms(now), 'd', ms(due),
  'r', remind_flag(remind), 'st', '0', 's', 'open',
  'th', kept_th)
if src ~= '' then redis.call('HSET', h, 'src', src) end
if created_by ~= '' then redis.call('HSET', h, 'by', created_by) end
local _, first = next_event(0, due, remind, 0, 0)
redis.call('ZADD', K.due, ms(first), id)
redis.call('SADD', K.agent .. agent, num(id))
-- Per chat only its agents are kept (a few per chat, not one entry per timer).
redis.call('SADD', K.chat_agents .. chat, agent)
case_add(case, id)
-- The caller knows the rest of the timer: only what was decided here comes back.
return { 'new', id, ms(due), remind_flag(remind), kept_th, ms(first) }
