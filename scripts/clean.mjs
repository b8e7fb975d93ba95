import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspacePackages } from './packages.mjs';

for (const { dir } of workspacePackages()) rmSync(join(dir, 'dist'), { recursive: true, force: true });
