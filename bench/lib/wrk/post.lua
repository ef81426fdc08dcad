-- POST /echo with a form body; the server answers the decoded field: "Hello, World!".
wrk.method = "POST"
wrk.body = "message=Hello%2C+World%21"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
