-- Shared prelude of every timer script. scripts.py puts it after a generated line defining K: the
-- key names and key prefixes from bot/keys.py, all under one {hash tag}, so every key a script
-- builds lives in the slot of KEYS[1]). A holds the script's own arguments.
--
-- Timer hash fields (short names keep a timer inside a small allocation; codec.py maps them):
--   k kind, cs case, ch chat, ag agent, n note, src source text, c created ms, by created by,
--   d due ms, r '1' if a reminder precedes the deadline (at d - remind_before), st stage,
--   s status, th thresholds 'remind_before_s,overdue_grace_s,escalate_after_s',
--   sn snoozes, sb snoozed by, x closed ms, xb closed by.
-- Index sets hold a timer's counter value (base-36 id decoded) so that small sets stay in
-- Redis' compact integer encoding.
local A = ARGV

-- Stages as stored: 0 scheduled, 1 reminded, 2 due, 3 overdue, 4 escalated.
local STAGE_NAMES = { [1] = 'reminder', [2] = 'due', [3] = 'overdue', [4] = 'escalated' }

local function ms(n)
  return string.format('%d', n)
end

local function base36(n)
  local digits = '0123456789abcdefghijklmnopqrstuvwxyz'
  local out = ''
  repeat
    local r = n % 36
    out = string.sub(digits, r + 1, r + 1) .. out
    n = (n - r) / 36
  until n == 0
  return out
end

local function num(id)
  return ms(tonumber(id, 36))
end

local function ids_of(members)
  local out = {}
  for i, m in ipairs(members) do out[i] = base36(tonumber(m)) end
  return out
end

-- The event after `stage`: its stage number and epoch ms, or nil when the ladder is done.
local function next_event(stage, due, remind, grace_ms, escalate_ms)
  if stage == 0 then
    if remind > 0 then return 1, remind end
    return 2, due
  elseif stage == 1 then
    return 2, due
  elseif stage == 2 then
    return 3, due + grace_ms
  elseif stage == 3 then
    return 4, due + grace_ms + escalate_ms
  end
  return nil, nil
end

local function thresholds(th)
  local rb, og, ea = string.match(th, '^(%d+),(%d+),(%d+)$')
  return tonumber(rb), tonumber(og), tonumber(ea)
end

-- A reminder only makes sense with room before the deadline: its ms, or 0 for none.
local function remind_at(due, remind_before_s, now)
  local at = due - remind_before_s * 1000
  if remind_before_s > 0 and at > now then return at end
  return 0
end

local function stored_remind(flag, due, remind_before_s)
  if flag == '1' then return due - remind_before_s * 1000 end
  return 0
end

local function remind_flag(remind)
  if remind > 0 then return '1' end
  return '0'
end

-- Same hash as timer_case_bucket() in bot/keys.py.
local function case_key(case)
  local h = 0
  for i = 1, #case do h = (h * 31 + string.byte(case, i)) % K.case_buckets end
  return K.cases .. h
end

local function case_add(case, id)
  local key = case_key(case)
  local cur = redis.call('HGET', key, case)
  if cur then
    redis.call('HSET', key, case, cur .. ' ' .. id)
  else
    redis.call('HSET', key, case, id)
  end
end

local function case_remove(case, id)
  local key = case_key(case)
  local cur = redis.call('HGET', key, case)
  if not cur then return end
  local kept = {}
  for x in string.gmatch(cur, '%S+') do
    if x ~= id then kept[#kept + 1] = x end
  end
  if #kept == 0 then
    redis.call('HDEL', key, case)
  else
    redis.call('HSET', key, case, table.concat(kept, ' '))
  end
end

local function case_ids(case)
  local ids = {}
  local cur = redis.call('HGET', case_key(case), case)
  if cur then
    for x in string.gmatch(cur, '%S+') do ids[#ids + 1] = x end
  end
  return ids
end

-- The case's open response timer id, if any.
local function open_response(case)
  for _, id in ipairs(case_ids(case)) do
    if redis.call('HGET', K.t .. id, 'k') == 'response' then return id end
  end
  return nil
end

-- Errors travel as {'err', code}; the Python side turns them into exceptions.
local function check_actor(h, by_user, is_supervisor)
  local f = redis.call('HMGET', h, 's', 'ag')
  if not f[1] then return 'unknown' end
  if f[1] ~= 'open' then return 'closed' end
  if is_supervisor ~= '1' and f[2] ~= by_user then return 'forbidden' end
  return nil
end

local function close_timer(id, status, by_user, now, retention_s)
  local h = K.t .. id
  local f = redis.call('HMGET', h, 'ag', 'cs')
  redis.call('HSET', h, 's', status, 'x', ms(now))
  if by_user ~= '' then redis.call('HSET', h, 'xb', by_user) end
  redis.call('ZREM', K.due, id)
  redis.call('SREM', K.overdue, num(id))
  redis.call('SREM', K.agent .. f[1], num(id))
  case_remove(f[2], id)
  redis.call('ZADD', K.resolved, ms(now), id)
  redis.call('EXPIRE', h, retention_s)
  redis.call('ZREMRANGEBYSCORE', K.resolved, '-inf', '(' .. ms(now - retention_s * 1000))
end

-- A timer hash with its id in front (the hash itself does not repeat the id).
local function with_id(id)
  local fields = redis.call('HGETALL', K.t .. id)
  if #fields == 0 then return nil end
  table.insert(fields, 1, id)
  table.insert(fields, 1, 'id')
  return fields
end
