import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { AddAffectedUseCase, addAffectedSchema } from './add-affected.usecase';

class AddAffectedDto extends createZodDto(addAffectedSchema) {}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class AddAffectedController {
  constructor(private readonly addAffected: AddAffectedUseCase) {}

  /** Adds customers after declaration (explicit externalIds or a filter); they get every step already due, once. */
  @Post(':id/affected')
  @HttpCode(200)
  @Roles(Role.commander)
  add(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Body() dto: AddAffectedDto, @CurrentActor() actor: Actor) {
    return this.addAffected.execute(id, dto, actor);
  }
}
