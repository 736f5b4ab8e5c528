-- Close a timer. A: mode ('id' | 'replied'), id or case, by_user, is_supervisor, status, now, retention_s.
-- Check and close in one script: two people pressing "done" at once resolve it once; the
-- second gets 'closed'.
local mode, target, by_user, is_supervisor = A[1], A[2], A[3], A[4]
local status, now, retention_s = A[5], tonumber(A[6]), tonumber(A[7])

local id
if mode == 'replied' then
  -- Any reply counts, even with no timer open, so the next customer message is a "next reply".
  local rk = K.replies .. target
  redis.call('INCR', rk)
  redis.call('EXPIRE', rk, retention_s)
  id = open_response(target)
  if not id then return { 'none' } end
else
  id = target
  local err = check_actor(K.t .. id, by_user, is_supervisor)
  if err then return { 'err', err } end
end
close_timer(id, status, by_user, now, retention_s)
return { 'ok', with_id(id) }
