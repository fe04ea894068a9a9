// The baseline: a bare node:http server answering GET / with the same JSON body RoleTray serves.
// node:http is taken without its ESM facade, which would load undici at start (see esbuild.config.mjs).
const http = process.getBuiltinModule('node:http');

const body = Buffer.from(process.argv[2] ?? '{}');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
