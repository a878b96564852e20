import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { PaginationDto } from '../common/pagination.dto';
import { ExternalIdPipe } from './external-id.pipe';
import { BulkUpsertCustomersDto, UpsertCustomerDto } from './dto/customer.dto';
import { CustomersService, CustomerView } from './customers.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /** Bulk JSON upsert (up to 5,000 per request). */
  @Post('bulk')
  @HttpCode(200)
  @Roles(Role.comms)
  bulk(@Body() dto: BulkUpsertCustomersDto) {
    return this.customers.upsertMany(dto.customers);
  }

  @Put(':externalId')
  @Roles(Role.comms)
  async upsert(
    @Param('externalId', ExternalIdPipe) externalId: string,
    @Body() dto: UpsertCustomerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CustomerView> {
    const { created, customer } = await this.customers.upsertOne({ ...dto, externalId });
    res.status(created ? 201 : 200);
    return customer;
  }

  @Get()
  @Roles(Role.comms, Role.agent)
  list(@Query() q: PaginationDto) {
    return this.customers.list(q.cursor, q.limit);
  }

  @Get(':externalId')
  @Roles(Role.comms, Role.agent)
  get(@Param('externalId', ExternalIdPipe) externalId: string): Promise<CustomerView> {
    return this.customers.get(externalId);
  }
}
