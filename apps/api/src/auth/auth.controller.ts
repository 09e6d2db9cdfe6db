import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { z } from 'zod';
import { type TokenService, UserError, Username, type UserStore } from '@saksflyt/accounts';
import { CSRF_TOKENS, TOKEN_SERVICE, USER_STORE } from '../temporal-client.provider';
import { parseOr400 } from '../http/validation';
import type { Request, Response } from 'express';
import {
  type AuthenticatedRequest,
  type MaybeAuthenticatedRequest,
  Public,
  Roles,
  SignInOptional,
} from './access';
import type { CsrfTokens } from './csrf';
import { clearSessionCookies, setSessionCookies } from './session-cookie';

export const Login = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const UsernameParameter = z.object({ username: Username }).strict();

@Controller('api')
export class AuthController {
  constructor(
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
    @Inject(CSRF_TOKENS) private readonly csrf: CsrfTokens,
  ) {}

  /**
   * Ten tries a minute per (address, username) by default, counted across every API instance on the same data
   * folder: enough for a person, too few for guessing.
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { username, password } = parseOr400(Login, body, 'login');
    const user = await this.users.verify(username, password);
    if (!user)
      throw new UnauthorizedException({ error: 'Unauthorized', message: 'wrong username or password' });
    const token = await this.tokens.issue({
      username: user.username,
      role: user.role,
      tokenVersion: user.tokenVersion,
    });
    // The same token as cookies, so another tab of this browser is signed in too, with a new CSRF token for them.
    setSessionCookies(request, response, token.accessToken, this.tokens.ttlSeconds);
    const csrfToken = this.csrf.issue(request, response, token.accessToken, this.tokens.ttlSeconds, true);
    return { ...token, role: user.role, username: user.username, csrfToken };
  }

  /**
   * Who this browser is signed in as, for a tab opened without the sign-in: with a valid session cookie (or bearer
   * token), the user, when the session ends and, for the cookie, its CSRF token; else `{ signedIn: false }` (200:
   * not being signed in is an answer, not an error). The token itself is never answered: it stays in the cookie.
   */
  @SignInOptional()
  @Get('auth/session')
  session(@Req() request: MaybeAuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const { user, signIn } = request;
    if (!user || !signIn || signIn.by === 'codec-cookie') return { signedIn: false };
    const leftSeconds = Math.max(0, Math.floor((Date.parse(signIn.expiresAt) - Date.now()) / 1000));
    return {
      signedIn: true,
      username: user.username,
      role: user.role,
      expiresAt: signIn.expiresAt,
      ...(signIn.by === 'session-cookie'
        ? { csrfToken: this.csrf.issue(request, response, signIn.token, leftSeconds, false) }
        : {}),
    };
  }

  /**
   * Ends the cookie session in this browser: the session, codec and CSRF cookies are cleared, and every tab of it is
   * signed out. A bearer token the caller kept lives on until it expires (see logout-all).
   */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    this.endCookieSession(request, response);
  }

  /** Signs the caller out everywhere: every token of theirs, this one included, stops working at once. */
  @Post('auth/logout-all')
  @HttpCode(204)
  logoutAll(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    this.users.revokeTokens(request.user.username);
    this.endCookieSession(request, response);
  }

  @Get('me')
  me(@Req() request: AuthenticatedRequest) {
    return request.user;
  }

  /** An admin signs another user out everywhere (a lost laptop, someone leaving): their tokens stop working. */
  @Roles('admin')
  @Post('users/:username/revoke-tokens')
  @HttpCode(204)
  revokeTokens(@Param() params: unknown) {
    const { username } = parseOr400(UsernameParameter, params, 'username');
    try {
      this.users.revokeTokens(username);
    } catch (error) {
      if (error instanceof UserError)
        throw new NotFoundException({ error: 'NotFound', message: `no user ${username}` });
      throw error;
    }
  }

  private endCookieSession(request: Request, response: Response) {
    clearSessionCookies(request, response);
    this.csrf.clear(request, response);
  }
}
