-- wrk script: POST a small inference request.
wrk.method = "POST"
wrk.body = '{"model":"ngram-small","prompt":"The quick brown fox jumps over the lazy dog","max_tokens":32}'
wrk.headers["Content-Type"] = "application/json"
