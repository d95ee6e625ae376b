/** The host part of a URL, for messages and the dashboard ("wv0031.wolkvox.com"); user info is left out. */
export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(url);
  return m ? m[1]! : url;
}
