-- Queue a one-off notice (not a timer event, e.g. a risk seen in a customer message) on the
-- alert stream, once per idempotency key. A: key, kind, case, chat, agent, note, src, now, dedup_s.
-- Checked and queued in one script: a webhook retry racing the first delivery queues nothing.
local key, kind, case, chat, agent, note, src = A[1], A[2], A[3], A[4], A[5], A[6], A[7]
local now, dedup_s = A[8], A[9]
if redis.call('EXISTS', K.sent .. key) == 1 then return 0 end
if not redis.call('SET', K.queued .. key, '1', 'NX', 'EX', dedup_s) then return 0 end
redis.call('XADD', K.alerts, '*',
  'key', key, 'id', '', 'stage', 'risk', 'kind', kind, 'case', case, 'chat', chat, 'agent', agent,
  'note', note, 'src', src, 'snoozes', '0', 'due', now, 'at', now, 'claimed', now, 'late', '0')
return 1
