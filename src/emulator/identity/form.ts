/**
 * Reading the form body of an OAuth or sign-in POST. Entra answers a body that is not
 * `application/x-www-form-urlencoded` with AADSTS9002313; every endpoint here does the same.
 */
import type { Cloud } from '../cloud.js';
import { Aad } from '../errors.js';
import { BadBody, readForm, type Ctx } from '../http.js';

export async function readOAuthForm(cloud: Cloud, ctx: Ctx): Promise<URLSearchParams> {
  try {
    return await readForm(ctx, cloud.bodyLimit);
  } catch (e) {
    if (e instanceof BadBody) throw Aad.unsupportedContentType();
    throw e;
  }
}
