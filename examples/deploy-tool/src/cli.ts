#!/usr/bin/env node
import { appSpecFromEnv } from './docker.js';
import { deploy, previousReleases, retire } from './deploy.js';
import { removeLogShipper, shipperHealthy, startLogShipper } from './sidecar.js';
import { printTable, status } from './status.js';

async function main(command = 'status'): Promise<void> {
  const app = appSpecFromEnv();
  switch (command) {
    case 'deploy': {
      const old = await previousReleases(app);
      const id = await deploy(app);
      await removeLogShipper(app).catch(() => undefined);
      const shipper = await startLogShipper(app, id);
      if (!(await shipperHealthy(shipper))) {
        console.warn('log shipper is not healthy yet');
      }
      for (const previous of old) {
        await retire(previous);
      }
      console.log(`deployed ${app.name}@${app.release} as ${id.slice(0, 12)}`);
      break;
    }
    case 'status':
      printTable(await status(app.name));
      break;
    default:
      console.error('usage: deploy-tool <deploy|status>');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
