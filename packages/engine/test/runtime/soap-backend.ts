/**
 * A small SOAP back end in the shape of MI's SimpleStockQuoteService, for the callout and
 * blocking-call tests: `/services/SimpleStockQuoteService` answers a getQuote with a
 * getQuoteResponse for the symbol it was sent, in the request's SOAP version;
 * `/services/Fault` answers 500 with a SOAP fault; `/services/NotFound` answers 404 in text;
 * `/services/Empty` and `/services/NoContent` answer 200 and 204 without a body.
 */
import type { ServerResponse } from 'node:http';
import type { Received } from './http-helpers.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

/** The payloads of the quote service. */
export const quoteEnvelope = {
  request: (symbol: string) =>
    `<m:getQuote xmlns:m="http://services.samples"><m:request><m:symbol>${symbol}</m:symbol></m:request></m:getQuote>`,
  response: (symbol: string) =>
    `<ns:getQuoteResponse xmlns:ns="http://services.samples"><ns:return><ns:symbol>${symbol}</ns:symbol><ns:last>42.5</ns:last></ns:return></ns:getQuoteResponse>`,
};

/** Answers as described above. */
export function soapBackend(req: Received, res: ServerResponse): void {
  const soap12 = req.body.includes(S12);
  const type = soap12 ? 'application/soap+xml; charset=UTF-8' : 'text/xml; charset=UTF-8';
  const envelope = (body: string) =>
    `<soapenv:Envelope xmlns:soapenv="${soap12 ? S12 : S11}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  const symbol = /<(?:\w+:)?symbol>([^<]*)</.exec(req.body)?.[1] ?? '';
  if (req.url === '/services/Fault') {
    res
      .writeHead(500, { 'content-type': type })
      .end(
        envelope(
          `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>No such symbol: ${symbol}</faultstring><detail>unknown</detail></soapenv:Fault>`,
        ),
      );
    return;
  }
  if (req.url === '/services/Empty' || req.url === '/services/NoContent') {
    const status = req.url === '/services/Empty' ? 200 : 204;
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': '0' }).end();
    return;
  }
  if (req.url === '/services/NotFound') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('nothing here');
    return;
  }
  res.writeHead(200, { 'content-type': type }).end(envelope(quoteEnvelope.response(symbol)));
}
