/*
 * Inlined into taskpane.html (ES5 only: it must run where the bundles cannot even be parsed).
 *
 * 1. Old web views: Internet Explorer 11 (Excel 2016/2019 on Windows without WebView2), Edge Legacy and Safari
 *    before 16.4 cannot parse the bundles (ES2022: class static blocks, optional chaining), so the pane would stay
 *    blank. The syntax is tried with the Function constructor; if it does not parse, a plain Chinese page says
 *    which Excel or WebView2 to install.
 * 2. office.js blocked (no network to Microsoft's CDN, or a proxy that drops it): if Office has not appeared
 *    after a few seconds, the pane says so in Chinese.
 * Neither replaces the pane once it has rendered (#container has content).
 */
(function (win, doc) {
  var WAIT_MS = 5000;

  function modern() {
    try {
      new Function('var o = { a: { b: 1 } }; class A { static x = o?.a?.b ?? 0; static { A.y = 1; } } return A.y;');
      return true;
    } catch (e) {
      return !e; // ES5 has no optional catch binding: always false here
    }
  }

  function show(title, lines) {
    var box = doc.getElementById('container');
    if (!box || box.getAttribute('data-rendered') === '1' || box.childNodes.length > 0) return;
    var html = '<div style="padding:16px;font:14px/1.6 \'Segoe UI\',\'Microsoft YaHei\',\'PingFang SC\',sans-serif;color:#242424">';
    html += '<h1 style="font-size:16px;margin:0 0 8px">' + title + '</h1>';
    for (var i = 0; i < lines.length; i++) html += '<p style="margin:0 0 8px">' + lines[i] + '</p>';
    html += '</div>';
    box.innerHTML = html;
    box.setAttribute('data-fallback', '1');
  }

  function onLoad(fn) {
    if (doc.readyState === 'complete' || doc.readyState === 'interactive') fn();
    else if (doc.addEventListener) doc.addEventListener('DOMContentLoaded', fn);
    else win.attachEvent('onload', fn);
  }

  if (!modern()) {
    onLoad(function () {
      show('此版本的 Excel 无法运行「优质均衡核验」', [
        '这台电脑上的 Excel 用来显示加载项的网页组件过旧（Internet Explorer 11、旧版 Edge，或 Safari 16.4 以前的版本），无法运行本加载项。',
        'Windows：请使用 Microsoft 365 版 Excel 或 Excel 2021/2024，并安装 Microsoft Edge WebView2 运行时（https://developer.microsoft.com/microsoft-edge/webview2/）。Excel 2016/2019（一次性购买版）不受支持。',
        'Mac：请把 macOS 更新到能使用 Safari 16.4 或更新版本的系统。',
        '也可以在浏览器（Edge、Chrome 或 Safari 16.4 以上）中使用网页版 Excel。'
      ]);
    });
    return;
  }

  win.setTimeout(function () {
    if (typeof win.Office !== 'undefined') return;
    show('未能加载 Office 脚本（office.js）', [
      '任务窗格在 ' + WAIT_MS / 1000 + ' 秒内没有收到 Excel 的 Office 脚本，可能是网络阻止了微软的脚本服务器（appsforoffice.microsoft.com）。',
      '请检查网络或代理设置后关闭并重新打开任务窗格。内网或中国大陆的世纪互联 Microsoft 365 用户，请让管理员用 OFFICE_JS=local 或 OFFICE_JS=cn 重新构建加载项（见使用说明「在 Excel 中安装加载项」）。'
    ]);
  }, WAIT_MS);
})(window, document);
