-- HTTP/1.1 pipelining: each write carries DEPTH requests for the URL's path (DEPTH is the
-- script argument, 16 by default). wrk counts every response, so req/s stays comparable; its
-- latency is measured per batch.
local batch

function init(args)
  local depth = tonumber(args[1]) or 16
  local path = wrk.path
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format(nil, path)
  end
  batch = table.concat(requests)
end

function request()
  return batch
end
