-- Pop the events due by `now`, advance each timer's stage, re-score its next event and add one
-- alert per event to the stream. A: now, limit.
-- Atomic, so when several processes claim at once each event is claimed by exactly one of them.
local now, limit = tonumber(A[1]), tonumber(A[2])
local ids = redis.call('ZRANGEBYSCORE', K.due, '-inf', ms(now), 'LIMIT', 0, limit)
local alerts = 0
for _, id in ipairs(ids) do
  local h = K.t .. id
  local f = redis.call('HMGET', h, 's', 'st', 'd', 'r', 'th', 'k',
    'cs', 'ch', 'ag', 'n', 'src', 'sn')
  if f[1] ~= 'open' then
    -- An index entry without an open timer behind it (should not happen): drop it.
    redis.call('ZREM', K.due, id)
  else
    local stage, due = tonumber(f[2]), tonumber(f[3])
    local rb, og, ea = thresholds(f[5])
    local remind = stored_remind(f[4], due, rb)
    local grace_ms, escalate_ms = og * 1000, ea * 1000
    local ev, at = next_event(stage, due, remind, grace_ms, escalate_ms)
    while ev and at <= now do
      -- After downtime a reminder whose deadline has passed too is noise: the due alert says it all.
      if not (ev == 1 and due <= now) then
        local key = id .. ':' .. STAGE_NAMES[ev] .. ':' .. ms(due)
        redis.call('XADD', K.alerts, '*',
          'key', key, 'id', id, 'stage', STAGE_NAMES[ev], 'kind', f[6], 'case', f[7],
          'chat', f[8], 'agent', f[9], 'note', f[10], 'src', f[11] or '', 'snoozes', f[12] or '0',
          'due', ms(due), 'at', ms(at), 'claimed', ms(now), 'late', ms(now - at))
        alerts = alerts + 1
      end
      stage = ev
      ev, at = next_event(stage, due, remind, grace_ms, escalate_ms)
    end
    redis.call('HSET', h, 'st', stage)
    if stage >= 3 then redis.call('SADD', K.overdue, num(id)) end
    -- Open timers with no event left stay in the index at +inf so it still counts them.
    if ev then
      redis.call('ZADD', K.due, ms(at), id)
    else
      redis.call('ZADD', K.due, 'inf', id)
    end
  end
end
local head = redis.call('ZRANGE', K.due, 0, 0, 'WITHSCORES')
return { alerts, #ids, head[2] or '' }
