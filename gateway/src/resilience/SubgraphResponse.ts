/** A subgraph's answer headers, by lower-case name: the part of fetch's `Headers` the data source and probes read (`get`). */
export class SubgraphHeaders {
  readonly #values = new Map<string, string>();

  /** From Node's `rawHeaders` (name, value, name, value …); a repeated header's values joined by ", " as fetch joins them. */
  constructor(raw: readonly string[] = []) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const known = this.#values.get(name);
      this.#values.set(name, known === undefined ? raw[i + 1]! : `${known}, ${raw[i + 1]!}`);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
}

/**
 * A subgraph's answer as the gateway's data source reads it (status, headers, the body once as
 * text or JSON), over the bytes already received. fetch's `Response` would wrap those bytes in a
 * web stream to read them back, which the benchmark's CPU profiles showed costing as much as the
 * rest of the HTTP client.
 */
export class SubgraphResponse {
  readonly ok: boolean;
  #used = false;

  constructor(
    private readonly bytes: Buffer,
    readonly status: number,
    readonly statusText: string,
    readonly headers: SubgraphHeaders,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  async text(): Promise<string> {
    if (this.#used) throw new TypeError('the answer has already been read');
    this.#used = true;
    return this.bytes.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  clone(): SubgraphResponse {
    return new SubgraphResponse(this.bytes, this.status, this.statusText, this.headers, this.url);
  }
}
