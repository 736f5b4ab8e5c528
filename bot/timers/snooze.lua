-- Move a timer's deadline later and restart its ladder. A: id, by_user, is_supervisor, seconds, now.
-- Done in one script so a claim running at the same moment sees either the old ladder or the new.
local id, by_user, is_supervisor = A[1], A[2], A[3]
local seconds, now = tonumber(A[4]), tonumber(A[5])
local h = K.t .. id
local err = check_actor(h, by_user, is_supervisor)
if err then return { 'err', err } end

local f = redis.call('HMGET', h, 'd', 'th')
local rb = thresholds(f[2])
-- From the later of the old deadline and now: a snooze never brings an alert closer.
local due = math.max(tonumber(f[1]), now) + seconds * 1000
local remind = remind_at(due, rb, now)
redis.call('HSET', h, 'd', ms(due), 'r', remind_flag(remind), 'st', '0', 'sb', by_user)
redis.call('HINCRBY', h, 'sn', 1)
redis.call('SREM', K.overdue, num(id))
local _, first = next_event(0, due, remind, 0, 0)
redis.call('ZADD', K.due, ms(first), id)
return { 'ok', with_id(id), ms(first) }
