/** rest: its input and its result (Az's PSHttpResponse). */
export interface RestInput {
  Path?: string;
  Uri?: string;
  ResourceId?: string;
  Method?: string;
  ApiVersion?: string;
  Payload?: string;
  WaitForCompletion?: boolean;
  Paginate?: boolean;
  NextLinkName?: string;
  PageableItemName?: string;
  ContextName?: string;
}

export interface RestResult {
  StatusCode: number;
  /** Response headers, lower-case names. */
  Headers: Record<string, string>;
  /** The response body as text (JSON stays a string, as in Az). */
  Content: string;
  Method: string;
  /** Where the answer came from, without its query string. */
  RequestUri: string;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
