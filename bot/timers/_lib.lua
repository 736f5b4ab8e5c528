-- Shared prelude of every timer script (scripts.py prepends it).
-- ARGV[1..13] are key names and key prefixes from bot/keys.py, all under one {hash tag}, so
-- every key a script builds lives in the slot of KEYS[1]; the script's own arguments follow.
local K = {
  t = ARGV[1], due = ARGV[2], overdue = ARGV[3], agent = ARGV[4], chat = ARGV[5],
  cases = ARGV[6], replies = ARGV[7], resolved = ARGV[8], thresholds = ARGV[9],
  seq = ARGV[10], alerts = ARGV[11], sent = ARGV[12], dead = ARGV[13],
}
local A = {}
for i = 14, #ARGV do A[#A + 1] = ARGV[i] end

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

-- A reminder only makes sense with room before the deadline.
local function remind_at(due, remind_before_s, now)
  local at = due - remind_before_s * 1000
  if remind_before_s > 0 and at > now then return at end
  return 0
end

local function case_add(case, id)
  local cur = redis.call('HGET', K.cases, case)
  if cur then
    redis.call('HSET', K.cases, case, cur .. ' ' .. id)
  else
    redis.call('HSET', K.cases, case, id)
  end
end

local function case_remove(case, id)
  local cur = redis.call('HGET', K.cases, case)
  if not cur then return end
  local kept = {}
  for x in string.gmatch(cur, '%S+') do
    if x ~= id then kept[#kept + 1] = x end
  end
  if #kept == 0 then
    redis.call('HDEL', K.cases, case)
  else
    redis.call('HSET', K.cases, case, table.concat(kept, ' '))
  end
end

local function case_ids(case)
  local ids = {}
  local cur = redis.call('HGET', K.cases, case)
  if cur then
    for x in string.gmatch(cur, '%S+') do ids[#ids + 1] = x end
  end
  return ids
end

-- The case's open response timer id, if any.
local function open_response(case)
  for _, id in ipairs(case_ids(case)) do
    if redis.call('HGET', K.t .. id, 'kind') == 'response' then return id end
  end
  return nil
end

-- Errors travel as {'err', code}; the Python side turns them into exceptions.
local function check_actor(h, by_user, is_supervisor)
  local f = redis.call('HMGET', h, 'status', 'agent')
  if not f[1] then return 'unknown' end
  if f[1] ~= 'open' then return 'closed' end
  if is_supervisor ~= '1' and f[2] ~= by_user then return 'forbidden' end
  return nil
end

local function close_timer(id, status, by_user, now, retention_s)
  local h = K.t .. id
  local f = redis.call('HMGET', h, 'agent', 'chat', 'case')
  redis.call('HSET', h, 'status', status, 'closed', ms(now))
  if by_user ~= '' then redis.call('HSET', h, 'closed_by', by_user) end
  redis.call('ZREM', K.due, id)
  redis.call('SREM', K.overdue, id)
  redis.call('SREM', K.agent .. f[1], id)
  redis.call('SREM', K.chat .. f[2], id)
  case_remove(f[3], id)
  redis.call('ZADD', K.resolved, ms(now), id)
  redis.call('EXPIRE', h, retention_s)
  redis.call('ZREMRANGEBYSCORE', K.resolved, '-inf', '(' .. ms(now - retention_s * 1000))
end
