// cosmosdb-server 1.0.1 decodes a request path's ids outside its error handling, so one malformed escape (an id
// holding '%' followed by no hex digits) throws an uncaught URIError and ends the whole emulator, failing every test
// that runs after it. Azure Cosmos DB answers such a path with 400; patched, the emulator answers "no route" (400) and
// stays up. Applied by dev.sh setup after npm ci; idempotent.
const fs = require("fs");
const path = require("path");
const file = path.join(__dirname, "..", "node_modules", "@vercel", "cosmosdb-server", "lib", "path-match.js");
const source = fs.readFileSync(file, "utf8");
const broken = "params[name] = decodeURIComponent(m[i + 1]);";
const fixed = "try { params[name] = decodeURIComponent(m[i + 1]); } catch (e) { if (e instanceof URIError) return undefined; throw e; }";
if (source.includes(fixed)) {
  process.exit(0);
}
if (!source.includes(broken)) {
  console.error(`cosmosdb-server changed: ${file} no longer has the code this patch fixes; review the patch`);
  process.exit(1);
}
fs.writeFileSync(file, source.replace(broken, fixed));
