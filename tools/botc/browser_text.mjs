// Text typical of real browsers' User-Agents, written for botc from the public format of
// those headers (product tokens of the common engines, platforms and browsers). botc gives a
// dense row to every automaton state a scan of this text visits (aho.mjs, denseRows), so
// ordinary browser UAs step through single lookups. Performance only: which states are dense
// never changes what matches. Not derived from any evaluation corpus.

export const kBrowserText = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ',
  'Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0 OPR/109.0.0.0 YaBrowser/24.4.0.0 ',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) ',
  'Version/17.4.1 Safari/605.1.15 ',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 ',
  'Mozilla/5.0 (X11; Ubuntu; Linux i686; rv:109.0) Gecko/20100101 Firefox/115.0 ',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 ',
  '(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1 CriOS/124.0.6367.111 ',
  'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) FxiOS/125.0 ',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 ',
  '(KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 ',
  'Mozilla/5.0 (Linux; U; Android 10; en-us; Redmi Note 9 Pro) SamsungBrowser/24.0 ',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko ',
  'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; ARM; Touch) ',
  'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Chrome/124.0.0.0 Safari/537.36 ',
  // Boilerplate of self-declared crawlers around their names (not the names).
  'Mozilla/5.0 (compatible; Examplebot/2.1; +http://www.example.com/bot.html) ',
  'Mozilla/5.0 (compatible; +https://example.org/crawler.htm) like Gecko ',
].join('');
