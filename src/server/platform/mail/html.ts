/**
 * The HTML alternative of a mail, made from its plain text when it is sent: the same words, URLs
 * as links, blank lines as paragraphs. Templates stay plain text (it survives every municipal mail
 * gateway, and the outbox page shows exactly what was sent); readers whose client prefers HTML get
 * links they can click instead of text to copy. Nothing is loaded from anywhere: no images, no CSS
 * beyond inline system fonts.
 */
export function htmlFromText(text: string): string {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n').map(linkify).join('<br>\n'))
    .filter((block) => block.trim() !== '')
    .map((block) => `<p>${block}</p>`);
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family: sans-serif; line-height: 1.7;">',
    ...paragraphs,
    '</body></html>',
  ].join('\n');
}

const urlPattern = /https?:\/\/[^\s<>"'）」』】、。]+/g;

/** Escapes a line and turns each URL in it into a link to itself. */
function linkify(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(urlPattern)) {
    const url = match[0];
    html += escapeHtml(line.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
