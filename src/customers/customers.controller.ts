import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { CustomerContextService } from './context/customer-context.service';
import { ExternalIdPipe } from './external-id.pipe';
import { BulkUpsertCustomersDto, UpsertCustomerDto } from './dto/customer.dto';
import { ListCustomersDto } from './dto/list-customers.dto';
import { CustomersService, CustomerView } from './customers.service';
import { customerContextSchema, customerPageSchema, customerViewSchema, erasedSchema, upsertCountsSchema } from './dto/customer.responses';
import { ApiJson } from '../openapi/api-doc.decorators';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly context: CustomerContextService,
  ) {}

  /** Bulk JSON upsert (up to 5,000 per request). */
  @Post('bulk')
  @HttpCode(200)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Upsert up to 5,000 customers' })
  @ApiJson(200, 'UpsertCounts', upsertCountsSchema, 'How many customers were created and updated')
  bulk(@Body() dto: BulkUpsertCustomersDto) {
    return this.customers.upsertMany(dto.customers);
  }

  @Put(':externalId')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Create or update a customer' })
  @ApiJson(200, 'Customer', customerViewSchema, 'Updated')
  @ApiJson(201, 'Customer', customerViewSchema, 'Created')
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
  @ApiOperation({ summary: 'List customers' })
  @ApiJson(200, 'CustomerPage', customerPageSchema)
  list(@Query() q: ListCustomersDto) {
    return this.customers.list(q.cursor, q.limit, q.filter);
  }

  @Get(':externalId')
  @Roles(Role.comms, Role.agent)
  @ApiOperation({ summary: 'Get a customer' })
  @ApiJson(200, 'Customer', customerViewSchema)
  get(@Param('externalId', ExternalIdPipe) externalId: string): Promise<CustomerView> {
    return this.customers.get(externalId);
  }

  /** The agent view: incidents touching this customer, every notice and its state, and the agent script. */
  @Get(':externalId/context')
  @Roles(Role.agent, Role.comms)
  @ApiOperation({ summary: 'Get a customer\'s incidents, notices and agent script' })
  @ApiJson(200, 'CustomerContext', customerContextSchema)
  getContext(@Param('externalId', ExternalIdPipe) externalId: string) {
    return this.context.get(externalId);
  }

  /** Erasure: personal data removed, notifications anonymised (counts kept), recorded in the audit trail. */
  @Delete(':externalId')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Erase a customer\'s personal data' })
  @ApiJson(200, 'CustomerErased', erasedSchema)
  erase(@Param('externalId', ExternalIdPipe) externalId: string, @CurrentActor() actor: Actor) {
    return this.customers.erase(externalId, actor);
  }
}
