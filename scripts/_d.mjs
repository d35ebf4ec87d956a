import { checkLinks, DEFAULT_CHECK_OPTIONS } from '../dist/links/checker.js';
const urls = [...Array.from({ length: 10 }, (_, i) => `https://arxiv.org/abs/2401.0${1000 + i}`), 'https://www.statmt.org/europarl/', 'https://opus.nlpl.eu/'];
const t = Date.now();
const r = await checkLinks(urls, { ...DEFAULT_CHECK_OPTIONS, perHost: 2, timeout: 3000, deadline: 20000, onResult: (x) => console.log(Date.now() - t, x.url, x.state, x.error, x.attempts) });
