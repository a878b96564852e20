import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { CreateUserDto } from './dto/create-user.dto';
import { UsersService } from './users.service';
import { createdUserSchema } from './dto/user.responses';
import { ApiErrors, ApiJson } from '../../openapi/api-doc.decorators';

/** Console accounts over the API, for provisioning scripts (admin key). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a console user; without `password`, a generated one is in this response only. */
  @Post()
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Create a console user' })
  @ApiJson(201, 'CreatedUser', createdUserSchema, 'Created: a generated password is in this answer only')
  @ApiErrors(409)
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(dto, actor);
  }
}
