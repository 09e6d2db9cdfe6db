import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { z } from 'zod';
import type { TokenService, UserStore } from '@saksflyt/accounts';
import { TOKEN_SERVICE, USER_STORE } from '../temporal-client.provider';
import { parseOr400 } from '../http/validation';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, Public } from './access';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export const Login = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

@Controller('api')
export class AuthController {
  constructor(
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
  ) {}

  /** Ten tries a minute from one address by default: enough for a person, too few for guessing. */
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
    const token = await this.tokens.issue({ username: user.username, role: user.role });
    setSessionCookie(request, response, token.accessToken, this.tokens.ttlSeconds);
    return { ...token, role: user.role, username: user.username };
  }

  /** Ends the cookie session of the codec; the bearer token itself simply expires. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    clearSessionCookie(request, response);
  }

  @Get('me')
  me(@Req() request: AuthenticatedRequest) {
    return request.user;
  }
}
