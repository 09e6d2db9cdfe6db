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
import { TOKEN_SERVICE, USER_STORE } from '../temporal-client.provider';
import { parseOr400 } from '../http/validation';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, Public, Roles } from './access';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export const Login = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const UsernameParameter = z.object({ username: Username }).strict();

@Controller('api')
export class AuthController {
  constructor(
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
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
    setSessionCookie(request, response, token.accessToken, this.tokens.ttlSeconds);
    return { ...token, role: user.role, username: user.username };
  }

  /** Ends the codec's cookie session in this browser; the bearer token lives on until it expires (see logout-all). */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    clearSessionCookie(request, response);
  }

  /** Signs the caller out everywhere: every token of theirs, this one included, stops working at once. */
  @Post('auth/logout-all')
  @HttpCode(204)
  logoutAll(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    this.users.revokeTokens(request.user.username);
    clearSessionCookie(request, response);
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
}
