/**
 * Webpack build of the add-in pages. (The browser pages, offline version and preview, are built with esbuild by
 * scripts/build-offline.ts: `npm run build:offline`, `npm run preview`.)
 *
 *   npm run build                      dist/: taskpane.html, commands.html, help.html, assets/, manifest.xml
 *       ADDIN_HOST=https://…           host written into dist/manifest.xml (or: npm run build -- --env host=https://…)
 *       OFFICE_JS=cdn (default)        office.js from Microsoft's worldwide CDN (always the current library)
 *       OFFICE_JS=cn                   office.js from the CDN of Microsoft 365 operated by 21Vianet (mainland China)
 *       OFFICE_JS=local                copy office.js into dist/assets/office-js/ and load it from there
 *                                      (or --env officeJs=…) — the copy of @microsoft/office-js in node_modules,
 *                                      which is older than current hosts (1.1.110 has no Notes API: comments are used)
 *   npm run dev-server                 all pages from memory on https://localhost:3000 (http when no dev
 *                                      certificate is installed), for sideloading manifest.xml
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEV_HOST = 'https://localhost:3000';
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// "CDN references for other Microsoft 365 environments" in Microsoft's "Referencing the Office JavaScript API
// library" (https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn).
const CN_OFFICE_JS = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';
const LOCAL_OFFICE_JS = 'assets/office-js/office.js';
const OFFICE_JS_SOURCES = { cdn: CDN_OFFICE_JS, cn: CN_OFFICE_JS, local: LOCAL_OFFICE_JS };

/** Where the pages load office.js from: 'cdn' (default), 'cn' (21Vianet) or 'local' (copied into dist/). */
function officeJsSource(env = {}) {
  const raw = String(env.officeJs || process.env.OFFICE_JS || 'cdn').trim().toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(OFFICE_JS_SOURCES, raw)) {
    throw new Error(`OFFICE_JS 只能是 cdn、cn 或 local，收到「${raw}」`);
  }
  return { kind: raw, url: OFFICE_JS_SOURCES[raw] };
}
const PORT = 3000;

/** The deployment host: no trailing slash, https only (Office refuses add-in pages over http). */
function addinHost(env) {
  const raw = String(env.host || process.env.ADDIN_HOST || DEV_HOST).trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw)) {
    throw new Error(`加载项地址必须以 https:// 开头，收到「${raw}」（ADDIN_HOST 或 --env host=…）`);
  }
  return raw;
}

/** The manifest with every development URL pointing at the deployment host (AppDomain: its origin only). */
function rewriteManifest(xml, host) {
  const origin = new URL(host).origin;
  return xml
    .split(`<AppDomain>${DEV_HOST}</AppDomain>`)
    .join(`<AppDomain>${origin}</AppDomain>`)
    .split(DEV_HOST)
    .join(host);
}

/** Office-Addin-Dev-Certs' certificate when installed (npx office-addin-dev-certs install), else null. */
function devCertificate() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  const out = {};
  for (const [k, f] of Object.entries(files)) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) return null;
    out[k] = fs.readFileSync(p);
  }
  return out;
}

/** office.js files that Excel needs when served locally (other hosts and debug builds left out). */
const OFFICE_JS_IGNORE = [
  '**/*.debug.js',
  '**/*vsdoc*',
  '**/*.d.ts',
  '**/access-*',
  '**/onenote*',
  '**/outlook*',
  '**/powerpoint*',
  '**/project-*',
  '**/visio*',
  '**/word*',
];

const config = (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serve = Boolean(env.WEBPACK_SERVE);
  const officeJs = officeJsSource(env);
  const localOfficeJs = officeJs.kind === 'local';
  const officeJsUrl = officeJs.url;

  const host = addinHost(env);

  const entry = {
    taskpane: './src/taskpane/index.tsx',
    commands: './src/commands/commands.ts',
  };
  const plugins = [
    new HtmlWebpackPlugin({
      filename: 'taskpane.html',
      template: './src/taskpane/taskpane.html',
      chunks: ['taskpane'],
      officeJsUrl,
      // ES5, inlined: runs where the bundles cannot be parsed, and when office.js never arrives.
      compatScript: fs.readFileSync(path.resolve(__dirname, 'src/compat/old-webview.js'), 'utf8'),
    }),
    new HtmlWebpackPlugin({
      filename: 'commands.html',
      template: './src/commands/commands.html',
      chunks: ['commands'],
      officeJsUrl,
    }),
    new HtmlWebpackPlugin({ filename: 'help.html', template: './src/taskpane/help.html', chunks: [], inject: false }),
  ];
  const copy = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => (serve ? content : rewriteManifest(content.toString('utf8'), host)),
    },
  ];
  if (localOfficeJs) {
    copy.push({
      from: 'node_modules/@microsoft/office-js/dist',
      to: 'assets/office-js',
      globOptions: { ignore: OFFICE_JS_IGNORE },
    });
  }
  plugins.push(new CopyWebpackPlugin({ patterns: copy }));

  const certificate = serve ? devCertificate() : null;

  return {
    mode,
    entry,
    devtool: dev ? 'eval-cheap-module-source-map' : 'source-map',
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // Type checking is `npm run typecheck`; the bundle only needs the transpiled modules.
              transpileOnly: true,
              compilerOptions: { module: 'esnext', noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    plugins,
    performance: {
      // office.js is large by nature.
      hints: false,
    },
    optimization: { splitChunks: { chunks: 'async' } },
    devServer: {
      port: PORT,
      host: 'localhost',
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: certificate ? { type: 'https', options: certificate } : { type: 'http' },
      static: false,
    },
    stats: 'errors-warnings',
  };
};

module.exports = config;
module.exports.officeJsSource = officeJsSource;
module.exports.OFFICE_JS_SOURCES = OFFICE_JS_SOURCES;
