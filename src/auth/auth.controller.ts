import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from './auth.decorators';
import { AuthService, CreatedKey } from './auth.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { Role } from './role';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates a key; the secret is in this response only. */
  @Post()
  @Roles(Role.admin)
  create(@Body() dto: CreateApiKeyDto): Promise<CreatedKey> {
    return this.auth.createKey(dto.name, dto.role as Role);
  }
}
