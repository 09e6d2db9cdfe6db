import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/access';
import { openApiDocument } from './openapi.document';

@Controller('api/docs')
export class DocsController {
  private readonly document = openApiDocument();

  /** Public: it describes the API and holds no case data. */
  @Public()
  @Get()
  docs() {
    return this.document;
  }
}
