/** The Content-Security-Policy meta tags of a built page, their content decoded as a browser reads it. */
export function metaPolicies(html: string): string[] {
  const entities: Record<string, string> = { '&#39;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' };
  return [...html.matchAll(/<meta\b[^>]*\bhttp-equiv="Content-Security-Policy"[^>]*>/gi)].map((tag) =>
    (/\bcontent="([^"]*)"/.exec(tag[0])?.[1] ?? '').replace(/&#39;|&quot;|&lt;|&gt;|&amp;/g, (e) => entities[e]!),
  );
}
