// Trunk post_build hook (see Trunk.toml): the steps that change the staging directory after
// Trunk, one after the other. Trunk runs all hooks of a stage at the same time, and the service
// worker's file list and version must see the glue as minify-js left it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

for (const step of ['minify-js.mjs', 'service-worker.mjs']) {
  try {
    execFileSync(process.execPath, [join(import.meta.dirname, step)], { stdio: 'inherit' });
  } catch (error) {
    console.error(`post-build: ${step} failed`);
    process.exit(error.status ?? 1);
  }
}
