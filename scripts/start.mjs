#!/usr/bin/env node
/**
 * `npm start`: sideload the add-in into Excel for development.
 * With office-addin-debugging installed (an optional dependency; Windows and macOS), it starts the dev
 * server and opens Excel with manifest.xml. Without it, the dev server is started here and the steps for
 * sideloading by hand are printed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

let debugging = null;
try {
  require.resolve('office-addin-debugging/package.json');
  debugging = bin('office-addin-debugging');
} catch {
  debugging = null;
}

if (debugging && existsSync(debugging)) {
  run(debugging, ['start', 'manifest.xml', ...process.argv.slice(2)]);
} else {
  console.log(
    [
      '未安装 office-addin-debugging（可选依赖），无法自动打开 Excel 并加载。现在启动开发服务器 https://localhost:3000 ，',
      '请手动旁加载 manifest.xml：',
      '  · Excel 网页版：开始 → 加载项 → 更多设置 → 上传我的加载项，选择本目录的 manifest.xml；',
      '  · Excel 桌面版（Windows）：把 manifest.xml 所在文件夹设为“受信任的加载项目录”共享文件夹后，在 插入 → 我的加载项 → 共享文件夹 中添加。',
      'Office 只接受 https：如尚未安装本机开发证书，请先运行 npx office-addin-dev-certs install（需要网络）。',
      '',
    ].join('\n'),
  );
  run(bin('webpack'), ['serve', '--mode', 'development']);
}
