// Fixes to cosmosdb-server 1.0.1 where it departs from Azure Cosmos DB in ways our tests meet. Applied by dev.sh setup
// after npm ci; idempotent, and loud when the package changed under a fix.
const fs = require("fs");
const path = require("path");
const lib = path.join(__dirname, "..", "node_modules", "@vercel", "cosmosdb-server", "lib");

const fixes = [
  {
    // A point read of a missing document answers 500 ("Cannot read properties of undefined") instead of 404.
    file: path.join(lib, "handler", "read-document.js"),
    broken: "if (data[path] !== clientKeys[i]) {",
    fixed: "if (!data || data[path] !== clientKeys[i]) {",
  },
  {
    // Ids in the request path are decoded outside the error handling: one malformed escape (an id holding '%' and no
    // hex digits) throws an uncaught URIError and ends the emulator, failing every later test. Azure answers 400;
    // patched, the path matches no route (400) and the emulator stays up.
    file: path.join(lib, "path-match.js"),
    broken: "params[name] = decodeURIComponent(m[i + 1]);",
    fixed: "try { params[name] = decodeURIComponent(m[i + 1]); } catch (e) { if (e instanceof URIError) return undefined; throw e; }",
  },
  {
    // Resource ids are base64, which Azure Cosmos DB writes with '-' for '/' so that they fit in a request path. The
    // emulator writes plain base64: the 63rd database of a run gets "gAA/AA==", the SDK asks for dbs/gAA-AA==/...
    // (its partition key ranges, before every query), and the emulator, which keeps "gAA/AA==", answers 404.
    file: path.join(lib, "account", "resource-id.js"),
    broken: 'return buffer.toString("base64");',
    fixed: 'return buffer.toString("base64").split("/").join("-");',
  },
  {
    // ... and reads them back with every '-' turned into '/', not only the first.
    file: path.join(lib, "account", "resource-id.js"),
    broken: 'return Buffer.from(s.replace("-", "/"), "base64");',
    fixed: 'return Buffer.from(s.split("-").join("/"), "base64");',
  },
];

for (const { file, broken, fixed } of fixes) {
  const source = fs.readFileSync(file, "utf8");
  if (source.includes(fixed)) continue;
  if (!source.includes(broken)) {
    console.error(`cosmosdb-server changed: ${file} no longer has the code a fix in ${__filename} is for; review it`);
    process.exit(1);
  }
  fs.writeFileSync(file, source.replace(broken, fixed));
}
