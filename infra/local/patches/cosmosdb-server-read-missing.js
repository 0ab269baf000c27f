// cosmosdb-server 1.0.1 answers a point read of a missing document with 500 ("Cannot read properties of
// undefined") instead of Azure Cosmos DB's 404. Applied by dev.sh setup after npm ci; idempotent.
const fs = require("fs");
const path = require("path");
const file = path.join(__dirname, "..", "node_modules", "@vercel", "cosmosdb-server", "lib", "handler", "read-document.js");
const source = fs.readFileSync(file, "utf8");
const broken = "if (data[path] !== clientKeys[i]) {";
const fixed = "if (!data || data[path] !== clientKeys[i]) {";
if (source.includes(fixed)) {
  process.exit(0);
}
if (!source.includes(broken)) {
  console.error(`cosmosdb-server changed: ${file} no longer has the code this patch fixes; review the patch`);
  process.exit(1);
}
fs.writeFileSync(file, source.replace(broken, fixed));
