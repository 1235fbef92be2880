// Generated from GET /api/openapi.json by scripts/generate-api.ts. Do not edit by hand.

export interface paths {
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          action?: string;
          actor?: string;
          cursor?: string;
          entity?: string;
          entityId?: string;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                action: string;
                actor: string | null;
                actorKind: string;
                at: string;
                chainIndex: number | null;
                device: unknown;
                entity: string;
                entityId: string | null;
                hash: string | null;
                id: string;
                ip: string | null;
                requestId: string | null;
                seq: number;
                summary: unknown;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/checkpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              at: string;
              chainIndex: number;
              checkpoint: string;
              hash: string;
              workspaceId: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              broken?: {
                chainIndex: number;
                eventId: string | null;
                reason: string;
              };
              events: number;
              head: {
                chainIndex: number;
                hash: string;
              };
              ok: boolean;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            checkpoint: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              broken?: {
                chainIndex: number;
                eventId: string | null;
                reason: string;
              };
              events: number;
              head: {
                chainIndex: number;
                hash: string;
              };
              ok: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            password: string;
            workspace: string;
          };
        };
      };
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            device?: {
              appVersion?: string;
              os?: string;
              osVersion?: string;
              type?: string;
            };
            email: string;
            otp?: string;
            password: string;
            workspace: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accessToken: string;
              expiresIn: number;
              /** @description Absent when the request asked for it as a cookie (x-opsledger-client). */
              refreshToken?: string;
              /** @enum {string} */
              tokenType: 'Bearer';
              user: {
                email: string;
                id: string;
                name: string;
                passwordChangeRequired: boolean;
                permissions: string[];
                roles: string[];
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            refreshToken?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accessToken: string;
              expiresIn: number;
              /** @description Absent when the request asked for it as a cookie (x-opsledger-client). */
              refreshToken?: string;
              /** @enum {string} */
              tokenType: 'Bearer';
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/boms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description By SKU, newest version first, up to 500 a page (the default). */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          sku?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                components: {
                  /** Format: uuid */
                  itemId: string;
                  name: string;
                  /** @description A decimal number as text. */
                  qty: string;
                  /** @description Percent more material planned for losses. */
                  scrapAllowance: string;
                  sku: string;
                  uom: string;
                }[];
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                itemId: string;
                /** @description A decimal number as text. */
                outputQty: string;
                sku: string;
                version: number;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            components: {
              qty: string | number;
              scrapAllowance?: string | number;
              sku: string;
            }[];
            outputQty: string | number;
            sku: string;
          };
        };
      };
      responses: {
        /** @description Components are per outputQty of the item; one version per item is active. */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              components: {
                /** Format: uuid */
                itemId: string;
                name: string;
                /** @description A decimal number as text. */
                qty: string;
                /** @description Percent more material planned for losses. */
                scrapAllowance: string;
                sku: string;
                uom: string;
              }[];
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              /** @description A decimal number as text. */
              outputQty: string;
              sku: string;
              version: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/boms/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Components are per outputQty of the item; one version per item is active. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              components: {
                /** Format: uuid */
                itemId: string;
                name: string;
                /** @description A decimal number as text. */
                qty: string;
                /** @description Percent more material planned for losses. */
                scrapAllowance: string;
                sku: string;
                uom: string;
              }[];
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              /** @description A decimal number as text. */
              outputQty: string;
              sku: string;
              version: number;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/boms/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Components are per outputQty of the item; one version per item is active. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              components: {
                /** Format: uuid */
                itemId: string;
                name: string;
                /** @description A decimal number as text. */
                qty: string;
                /** @description Percent more material planned for losses. */
                scrapAllowance: string;
                sku: string;
                uom: string;
              }[];
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              /** @description A decimal number as text. */
              outputQty: string;
              sku: string;
              version: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/correction-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          status?: 'pending' | 'approved' | 'rejected';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: date-time */
                createdAt: string;
                decidedAt: string | null;
                decidedBy: string | null;
                decisionReason: string | null;
                field: string;
                /** Format: uuid */
                id: string;
                note: string | null;
                status: 'pending' | 'approved' | 'rejected';
                /** Format: uuid */
                userId: string;
                value: string | null;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            field: 'email' | 'other';
            note: string;
            value: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              createdAt: string;
              decidedAt: string | null;
              decidedBy: string | null;
              decisionReason: string | null;
              field: string;
              /** Format: uuid */
              id: string;
              note: string | null;
              status: 'pending' | 'approved' | 'rejected';
              /** Format: uuid */
              userId: string;
              value: string | null;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/correction-requests/{id}/decide': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            approve: boolean;
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              createdAt: string;
              decidedAt: string | null;
              decidedBy: string | null;
              decisionReason: string | null;
              field: string;
              /** Format: uuid */
              id: string;
              note: string | null;
              status: 'pending' | 'approved' | 'rejected';
              /** Format: uuid */
              userId: string;
              value: string | null;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/downtime-reasons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                code: string;
                name: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/downtime-reasons/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              name: string;
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              createdAt: string;
              downloadUrl?: string;
              expiresAt: string | null;
              /** Format: uuid */
              id: string;
              readyAt: string | null;
              status: 'pending' | 'ready' | 'failed' | 'downloaded' | 'expired';
              /** Format: uuid */
              subjectUserId: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          active?: boolean;
          cursor?: string;
          limit?: number;
          q?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                barcodes: {
                  code: string;
                  packQty: string;
                }[];
                costMethod: string;
                createdAt: string;
                id: string;
                /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
                minStock: string | null;
                name: string;
                sku: string;
                standardCost?: string | null;
                tracking: string;
                units: {
                  factor: string;
                  uom: string;
                }[];
                uom: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            barcodes?: (
              | string
              | {
                  code: string;
                  packQty?: string | number;
                }
            )[];
            costMethod?: 'fifo' | 'average';
            minStock?: (string | number) | null;
            name: string;
            sku: string;
            standardCost?: (string | number) | null;
            tracking?: 'none' | 'lot';
            units?: {
              factor: string | number;
              uom: string;
            }[];
            uom: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              barcodes: {
                code: string;
                packQty: string;
              }[];
              costMethod: string;
              createdAt: string;
              id: string;
              /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
              minStock: string | null;
              name: string;
              sku: string;
              standardCost?: string | null;
              tracking: string;
              units: {
                factor: string;
                uom: string;
              }[];
              uom: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/items/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              barcodes: {
                code: string;
                packQty: string;
              }[];
              costMethod: string;
              createdAt: string;
              id: string;
              /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
              minStock: string | null;
              name: string;
              sku: string;
              standardCost?: string | null;
              tracking: string;
              units: {
                factor: string;
                uom: string;
              }[];
              uom: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            costMethod?: 'fifo' | 'average';
            minStock?: (string | number) | null;
            name?: string;
            standardCost?: (string | number) | null;
            tracking?: 'none' | 'lot';
            units?: {
              factor: string | number;
              uom: string;
            }[];
            uom?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              barcodes: {
                code: string;
                packQty: string;
              }[];
              costMethod: string;
              createdAt: string;
              id: string;
              /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
              minStock: string | null;
              name: string;
              sku: string;
              standardCost?: string | null;
              tracking: string;
              units: {
                factor: string;
                uom: string;
              }[];
              uom: string;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/items/{id}/barcodes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            packQty?: string | number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              barcodes: {
                code: string;
                packQty: string;
              }[];
              costMethod: string;
              createdAt: string;
              id: string;
              /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
              minStock: string | null;
              name: string;
              sku: string;
              standardCost?: string | null;
              tracking: string;
              units: {
                factor: string;
                uom: string;
              }[];
              uom: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/items/{id}/barcodes/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              barcodes: {
                code: string;
                packQty: string;
              }[];
              costMethod: string;
              createdAt: string;
              id: string;
              /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
              minStock: string | null;
              name: string;
              sku: string;
              standardCost?: string | null;
              tracking: string;
              units: {
                factor: string;
                uom: string;
              }[];
              uom: string;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/items/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            csv: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The new items, in the order of the rows */
              ids: string[];
              /** @description How many items were created */
              imported: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/labels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            copies?: number;
            format?: 'pdf' | 'zpl';
            items?: string[];
            locations?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/locations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          includeInactive?: boolean;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                code: string;
                id: string;
                kind: string;
                name: string;
                parent: string | null;
                parentId: string | null;
                path: string[];
                virtual: boolean;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            kind: 'store' | 'floor';
            name: string;
            parent?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              id: string;
              kind: string;
              name: string;
              parent: string | null;
              parentId: string | null;
              path: string[];
              virtual: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/locations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              id: string;
              kind: string;
              name: string;
              parent: string | null;
              parentId: string | null;
              path: string[];
              virtual: boolean;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              id: string;
              kind: string;
              name: string;
              parent: string | null;
              parentId: string | null;
              path: string[];
              virtual: boolean;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            name?: string;
            parent?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              id: string;
              kind: string;
              name: string;
              parent: string | null;
              parentId: string | null;
              path: string[];
              virtual: boolean;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              sessionId: string;
              status: 'active' | 'deactivated';
              workspace: {
                code: string;
                name: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            phone?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/me/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              status: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/totp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              otpauthUrl: string;
              secret: string;
            };
          };
        };
      };
    };
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/totp/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              recoveryCodes: string[];
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/notification-preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              categories: {
                announcements: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                operations: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                security: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
              };
            };
          };
        };
      };
    };
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            categories: {
              [key: string]: {
                email?: boolean;
                inApp?: boolean;
              };
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              categories: {
                announcements: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                operations: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                security: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
              };
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            currentPassword: string;
            newPassword: string;
          };
        };
      };
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/privacy-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acknowledgedVersion: number | null;
              acknowledgeRequired: boolean;
              current: {
                /** Format: date */
                effectiveDate: string;
                material: boolean;
                /** Format: date-time */
                publishedAt: string;
                text: string;
                upcoming: {
                  /** Format: date */
                  effectiveDate: string;
                  version: number;
                } | null;
                version: number;
              } | null;
              latestVersion: number | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/privacy-policy/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              acknowledgedVersion: number | null;
              acknowledgeRequired: boolean;
              current: {
                /** Format: date */
                effectiveDate: string;
                material: boolean;
                /** Format: date-time */
                publishedAt: string;
                text: string;
                upcoming: {
                  /** Format: date */
                  effectiveDate: string;
                  version: number;
                } | null;
                version: number;
              } | null;
              latestVersion: number | null;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/movements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          from?: string;
          itemId?: string;
          limit?: number;
          location?: string;
          lot?: string;
          sku?: string;
          to?: string;
          type?: string;
          user?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                createdAt: string;
                createdBy: string | null;
                enteredQty: string | null;
                enteredUom: string | null;
                from: string;
                id: string;
                itemId: string;
                lot: string | null;
                qty: string;
                reason: string | null;
                reference: string | null;
                reversalOf: string | null;
                reversedBy?: string | null;
                scan: string | null;
                sku: string;
                to: string;
                type: string;
                unitCost?: string | null;
                value?: string;
                workOrderId: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            countedQty?: string | number;
            /** Format: date */
            expiry?: string;
            from?: string;
            location?: string;
            lot?: string;
            qty?: string | number;
            reason?: string;
            reference?: string;
            scan?: string;
            sku: string;
            to?: string;
            type: 'receive' | 'move' | 'waste' | 'adjust';
            unitCost?: string | number;
            uom?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              createdAt: string;
              createdBy: string | null;
              enteredQty: string | null;
              enteredUom: string | null;
              from: string;
              id: string;
              itemId: string;
              lot: string | null;
              qty: string;
              reason: string | null;
              reference: string | null;
              reversalOf: string | null;
              reversedBy?: string | null;
              scan: string | null;
              sku: string;
              to: string;
              type: string;
              unitCost?: string | null;
              value?: string;
              workOrderId: string | null;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/movements/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              createdAt: string;
              createdBy: string | null;
              enteredQty: string | null;
              enteredUom: string | null;
              from: string;
              id: string;
              itemId: string;
              lot: string | null;
              qty: string;
              reason: string | null;
              reference: string | null;
              reversalOf: string | null;
              reversedBy?: string | null;
              scan: string | null;
              sku: string;
              to: string;
              type: string;
              unitCost?: string | null;
              value?: string;
              workOrderId: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/movements/{id}/reverse': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              createdAt: string;
              createdBy: string | null;
              enteredQty: string | null;
              enteredUom: string | null;
              from: string;
              id: string;
              itemId: string;
              lot: string | null;
              qty: string;
              reason: string | null;
              reference: string | null;
              reversalOf: string | null;
              reversedBy?: string | null;
              scan: string | null;
              sku: string;
              to: string;
              type: string;
              unitCost?: string | null;
              value?: string;
              workOrderId: string | null;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          unread?: boolean;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                body: string;
                category: string;
                /** Format: date-time */
                createdAt: string;
                data: unknown;
                /** Format: uuid */
                id: string;
                kind: string;
                readAt: string | null;
                title: string;
              }[];
              nextCursor: string | null;
            } & {
              unread: number;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              body: string;
              category: string;
              /** Format: date-time */
              createdAt: string;
              data: unknown;
              /** Format: uuid */
              id: string;
              kind: string;
              readAt: string | null;
              title: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/outbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          status?: 'pending' | 'sent' | 'skipped' | 'failed';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                attempts: number;
                body: string;
                category: string;
                /** Format: date-time */
                createdAt: string;
                finishedAt: string | null;
                /** Format: uuid */
                id: string;
                kind: string;
                lastError: string | null;
                status: string;
                subject: string;
                to: string;
                /** Format: uuid */
                userId: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              marked: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/unsubscribe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query: {
          token: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query: {
          token: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            'List-Unsubscribe'?: 'One-Click';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              categories: {
                announcements: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                operations: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
                security: {
                  email: boolean;
                  inApp: boolean;
                  locked: boolean;
                };
              };
              category: string;
              /** @enum {boolean} */
              unsubscribed: true;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/permissions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                area: string;
                description: string;
                key: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: date */
            effectiveDate: string;
            material: boolean;
            text: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date */
              effectiveDate: string;
              material: boolean;
              /** Format: date-time */
              publishedAt: string;
              text: string;
              version: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy-policy/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: date */
                effectiveDate: string;
                material: boolean;
                /** Format: date-time */
                publishedAt: string;
                text: string;
                version: number;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/retention-policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                action: string;
                category: string;
                days: number;
                defaultDays: number;
                description: string;
                enforced: boolean;
                maxDays: number;
                minDays: number;
                updatedAt: string | null;
                updatedBy: string | null;
              }[];
            };
          };
        };
      };
    };
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            policies: {
              audit?: number;
              deactivated_people?: number;
              exports?: number;
              idempotency_keys?: number;
              ledger?: number;
              request_logs?: number;
              sessions?: number;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                action: string;
                category: string;
                days: number;
                defaultDays: number;
                description: string;
                enforced: boolean;
                maxDays: number;
                minDays: number;
                updatedAt: string | null;
                updatedBy: string | null;
              }[];
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/retention-policies/dry-run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              asOf: string;
              categories: {
                action: string;
                category: string;
                count: number;
                /** Format: date-time */
                cutoff: string;
                days: number;
                held?: number;
                ids: string[];
              }[];
              dryRun: boolean;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/retention-policies/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              asOf: string;
              categories: {
                action: string;
                category: string;
                count: number;
                /** Format: date-time */
                cutoff: string;
                days: number;
                held?: number;
                ids: string[];
              }[];
              dryRun: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                builtin: boolean;
                key: string;
                name: string;
                permissions: string[];
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            key: string;
            name: string;
            permissions: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              builtin: boolean;
              key: string;
              name: string;
              permissions: string[];
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            permissions?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              builtin: boolean;
              key: string;
              name: string;
              permissions: string[];
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/routings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description By SKU, newest version first, up to 500 a page (the default). */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          sku?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                itemId: string;
                sku: string;
                steps: {
                  name: string;
                  seq: number;
                  stdMinutesPerUnit: string | null;
                  /** @description Work center code. */
                  workCenter: string;
                  /** Format: uuid */
                  workCenterId: string;
                }[];
                version: number;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            sku: string;
            steps: {
              name: string;
              seq: number;
              stdMinutesPerUnit?: string | number;
              workCenter: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Steps in order of seq; one version per item is active. */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              sku: string;
              steps: {
                name: string;
                seq: number;
                stdMinutesPerUnit: string | null;
                /** @description Work center code. */
                workCenter: string;
                /** Format: uuid */
                workCenterId: string;
              }[];
              version: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routings/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Steps in order of seq; one version per item is active. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              sku: string;
              steps: {
                name: string;
                seq: number;
                stdMinutesPerUnit: string | null;
                /** @description Work center code. */
                workCenter: string;
                /** Format: uuid */
                workCenterId: string;
              }[];
              version: number;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/routings/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Steps in order of seq; one version per item is active. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              sku: string;
              steps: {
                name: string;
                seq: number;
                stdMinutesPerUnit: string | null;
                /** @description Work center code. */
                workCenter: string;
                /** Format: uuid */
                workCenterId: string;
              }[];
              version: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/scan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query: {
          code: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description kind item (an item barcode, a SKU, or a GS1 code whose GTIN names an item): item, packQty and stock, with gs1 (and lot, when the code carries AI 10) for a GS1 code. kind location: location and stock. kind lot: item, lot and stock. kind work_order (a job traveler's step QR, WO-000001/10): workOrder and step. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The code as scanned, without a trailing line ending. */
              code: string;
              gs1?: {
                amount?: {
                  /** @description Decimal text with the implied decimal places applied. */
                  amount: string;
                  /** @description ISO 4217 numeric code (AIs 391n/393n). */
                  currency?: string;
                };
                /** @description YYYY-MM-DD */
                bestBefore?: string;
                byAi: {
                  [key: string]: string;
                };
                elements: {
                  ai: string;
                  money?: {
                    /** @description Decimal text with the implied decimal places applied. */
                    amount: string;
                    /** @description ISO 4217 numeric code (AIs 391n/393n). */
                    currency?: string;
                  };
                  raw: string;
                  title: string;
                  value: string;
                }[];
                /** @description YYYY-MM-DD */
                expiry?: string;
                /** @description bracketed, raw or digital-link */
                form: string;
                /** @description 14 digits */
                gtin?: string;
                lot?: string;
                netWeightKg?: string;
                price?: {
                  /** @description Decimal text with the implied decimal places applied. */
                  amount: string;
                  /** @description ISO 4217 numeric code (AIs 391n/393n). */
                  currency?: string;
                };
                /** @description YYYY-MM-DD */
                productionDate?: string;
                quantity?: string;
                serial?: string;
                sscc?: string;
                symbology?: string;
                variant?: string;
              };
              item?: {
                active: boolean;
                barcodes: {
                  code: string;
                  packQty: string;
                }[];
                costMethod: string;
                createdAt: string;
                id: string;
                /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
                minStock: string | null;
                name: string;
                sku: string;
                standardCost?: string | null;
                tracking: string;
                units: {
                  factor: string;
                  uom: string;
                }[];
                uom: string;
              };
              kind: 'item' | 'location' | 'lot' | 'work_order';
              location?: {
                code: string;
                id: string;
                kind: string;
                name: string;
              };
              lot?: {
                code: string;
                /** @description YYYY-MM-DD */
                expiry: string | null;
                /** @description null: a lot the workspace has not seen yet (named by a GS1 code). */
                id: string | null;
              };
              /** @description Stock units one scan of this barcode stands for (1 for a SKU). */
              packQty?: string;
              step?: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              };
              /** @description Stock on hand in internal locations. */
              stock?: {
                /** @description The lot's expiry, YYYY-MM-DD. */
                expiry: string | null;
                itemId: string;
                /** @description The location code. */
                location: string;
                locationId: string;
                /** @description The lot code; null for untracked stock. */
                lot: string | null;
                name: string;
                /** @description On hand, in the stock unit. */
                qty: string;
                sku: string;
                uom: string;
              }[];
              workOrder?: {
                id: string;
                itemName: string;
                number: string;
                qty: string;
                sku: string;
                status: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/scan/{*}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          '*': string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description kind item (an item barcode, a SKU, or a GS1 code whose GTIN names an item): item, packQty and stock, with gs1 (and lot, when the code carries AI 10) for a GS1 code. kind location: location and stock. kind lot: item, lot and stock. kind work_order (a job traveler's step QR, WO-000001/10): workOrder and step. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The code as scanned, without a trailing line ending. */
              code: string;
              gs1?: {
                amount?: {
                  /** @description Decimal text with the implied decimal places applied. */
                  amount: string;
                  /** @description ISO 4217 numeric code (AIs 391n/393n). */
                  currency?: string;
                };
                /** @description YYYY-MM-DD */
                bestBefore?: string;
                byAi: {
                  [key: string]: string;
                };
                elements: {
                  ai: string;
                  money?: {
                    /** @description Decimal text with the implied decimal places applied. */
                    amount: string;
                    /** @description ISO 4217 numeric code (AIs 391n/393n). */
                    currency?: string;
                  };
                  raw: string;
                  title: string;
                  value: string;
                }[];
                /** @description YYYY-MM-DD */
                expiry?: string;
                /** @description bracketed, raw or digital-link */
                form: string;
                /** @description 14 digits */
                gtin?: string;
                lot?: string;
                netWeightKg?: string;
                price?: {
                  /** @description Decimal text with the implied decimal places applied. */
                  amount: string;
                  /** @description ISO 4217 numeric code (AIs 391n/393n). */
                  currency?: string;
                };
                /** @description YYYY-MM-DD */
                productionDate?: string;
                quantity?: string;
                serial?: string;
                sscc?: string;
                symbology?: string;
                variant?: string;
              };
              item?: {
                active: boolean;
                barcodes: {
                  code: string;
                  packQty: string;
                }[];
                costMethod: string;
                createdAt: string;
                id: string;
                /** @description Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none. */
                minStock: string | null;
                name: string;
                sku: string;
                standardCost?: string | null;
                tracking: string;
                units: {
                  factor: string;
                  uom: string;
                }[];
                uom: string;
              };
              kind: 'item' | 'location' | 'lot' | 'work_order';
              location?: {
                code: string;
                id: string;
                kind: string;
                name: string;
              };
              lot?: {
                code: string;
                /** @description YYYY-MM-DD */
                expiry: string | null;
                /** @description null: a lot the workspace has not seen yet (named by a GS1 code). */
                id: string | null;
              };
              /** @description Stock units one scan of this barcode stands for (1 for a SKU). */
              packQty?: string;
              step?: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              };
              /** @description Stock on hand in internal locations. */
              stock?: {
                /** @description The lot's expiry, YYYY-MM-DD. */
                expiry: string | null;
                itemId: string;
                /** @description The location code. */
                location: string;
                locationId: string;
                /** @description The lot code; null for untracked stock. */
                lot: string | null;
                name: string;
                /** @description On hand, in the stock unit. */
                qty: string;
                sku: string;
                uom: string;
              }[];
              workOrder?: {
                id: string;
                itemName: string;
                number: string;
                qty: string;
                sku: string;
                status: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                createdAt: string;
                current: boolean;
                device: {
                  appVersion: string | null;
                  os: string | null;
                  osVersion: string | null;
                  type: string | null;
                };
                expiresAt: string;
                id: string;
                ip: string | null;
                lastRefreshedAt: string;
                revokedAt: string | null;
                revokedReason: string | null;
                userAgent: string | null;
                userId: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stats/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stats/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          bucket?: 'hour' | 'day';
          from?: string;
          location?: string;
          operator?: string;
          sku?: string;
          to?: string;
          workCenter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Totals per movement type. */
              movements: {
                [key: string]: {
                  count: number;
                  /** @description A decimal number as text. */
                  qty: string;
                  /** @description Value (money); only with the valuation.read permission. */
                  value?: string;
                };
              };
              operators: {
                completions: number;
                movements: number;
                name: string | null;
                userId: string;
              }[];
              period: {
                /** @description hour or day: the buckets of the series. */
                bucket: string;
                /** Format: date-time */
                from: string;
                timeZone: string;
                /** Format: date-time */
                to: string;
              };
              production: {
                downtime: {
                  /** @description A decimal number as text. */
                  minutes: string;
                  reason: string;
                  stops: number;
                }[];
                oee: {
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  availability: string | null;
                  /** @description A decimal number as text. */
                  downtimeMinutes: string;
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  oee: string | null;
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  performance: string | null;
                  /** @description A decimal number as text. */
                  plannedMinutes: string;
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  quality: string | null;
                  /** @description null when the work center had planned time but no production in the period. */
                  workCenter: string | null;
                  workCenterId: string;
                }[];
                /** @description A decimal number as text. */
                output: string;
                series: {
                  /** @description The start of the hour or day (local to the workspace), in ISO 8601, UTC, with milliseconds. */
                  bucket: string;
                  /** @description Good output of last steps. */
                  good: string;
                  /** @description Scrap at every step. */
                  scrap: string;
                }[];
                steps: {
                  completions: number;
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  firstPassYield: string | null;
                  /** @description A decimal number as text. */
                  good: string;
                  /** @description A decimal number as text. */
                  scrap: string;
                  step: string;
                  workCenter: string;
                  /** @description A ratio to 4 decimal places as text; null when its denominator is zero. */
                  yield: string | null;
                }[];
                /** @description A decimal number as text. */
                throughputPerHour: string;
                wip: {
                  /** @description A decimal number as text. */
                  qty: string;
                  step: string;
                  workCenter: string;
                }[];
              };
              series: {
                /** @description The start of the hour or day (local to the workspace), in ISO 8601, UTC, with milliseconds. */
                bucket: string;
                /** @description Movements booked (a reversal counts −1). */
                count: number;
                /** @description A decimal number as text. */
                qty: string;
                type: string;
              }[];
              waste: {
                byReason: {
                  count: number;
                  /** @description A decimal number as text. */
                  qty: string;
                  reason: string;
                  /** @description Value (money); only with the valuation.read permission. */
                  value?: string;
                }[];
                /** @description A decimal number as text. */
                qty: string;
                /** @description Waste ÷ received over the period: by value with valuation.read, else by quantity; null when nothing was received. */
                rate: string | null;
                /** @description Value (money); only with the valuation.read permission. */
                value?: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          location?: string;
          lot?: string;
          sku?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @description The lot's expiry, YYYY-MM-DD. */
                expiry: string | null;
                itemId: string;
                /** @description The location code. */
                location: string;
                locationId: string;
                /** @description The lot code; null for untracked stock. */
                lot: string | null;
                name: string;
                /** @description On hand, in the stock unit. */
                qty: string;
                sku: string;
                uom: string;
              }[];
              /** @description Pass as `cursor` for the next page; null on the last page. */
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stock/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            csv: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              imported: number;
              /** @description The movements booked, in the order of the rows. */
              movementIds: string[];
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          q?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                activation?: {
                  code: string;
                  /** Format: date-time */
                  expiresAt: string;
                };
                /** Format: date-time */
                createdAt: string;
                deactivatedAt: string | null;
                email: string;
                /** Format: uuid */
                id: string;
                mfaEnabled: boolean;
                name: string;
                passwordChangeRequired: boolean;
                permissions: string[];
                phone: string | null;
                roles: string[];
                status: 'active' | 'deactivated';
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email: string;
            name: string;
            password?: string;
            phone?: string;
            roles: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email?: string;
            name?: string;
            phone?: string | null;
            roles?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/users/{id}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date-time */
              erasedAt: string;
              name: string;
              removed: {
                [key: string]: number;
              };
              /** Format: uuid */
              userId: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              status: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/legal-hold': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: {
                /** Format: uuid */
                id: string;
                liftedAt: string | null;
                liftedBy: string | null;
                liftReason: string | null;
                reason: string;
                /** Format: date-time */
                setAt: string;
                /** Format: uuid */
                setBy: string;
                /** Format: uuid */
                userId: string;
              } | null;
              history: {
                /** Format: uuid */
                id: string;
                liftedAt: string | null;
                liftedBy: string | null;
                liftReason: string | null;
                reason: string;
                /** Format: date-time */
                setAt: string;
                /** Format: uuid */
                setBy: string;
                /** Format: uuid */
                userId: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              liftedAt: string | null;
              liftedBy: string | null;
              liftReason: string | null;
              reason: string;
              /** Format: date-time */
              setAt: string;
              /** Format: uuid */
              setBy: string;
              /** Format: uuid */
              userId: string;
            };
          };
        };
      };
    };
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              liftedAt: string | null;
              liftedBy: string | null;
              liftReason: string | null;
              reason: string;
              /** Format: date-time */
              setAt: string;
              /** Format: uuid */
              setBy: string;
              /** Format: uuid */
              userId: string;
            };
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/reactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/reset-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              activation?: {
                code: string;
                /** Format: date-time */
                expiresAt: string;
              };
              /** Format: date-time */
              createdAt: string;
              deactivatedAt: string | null;
              email: string;
              /** Format: uuid */
              id: string;
              mfaEnabled: boolean;
              name: string;
              passwordChangeRequired: boolean;
              permissions: string[];
              phone: string | null;
              roles: string[];
              status: 'active' | 'deactivated';
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                createdAt: string;
                current: boolean;
                device: {
                  appVersion: string | null;
                  os: string | null;
                  osVersion: string | null;
                  type: string | null;
                };
                expiresAt: string;
                id: string;
                ip: string | null;
                lastRefreshedAt: string;
                revokedAt: string | null;
                revokedReason: string | null;
                userAgent: string | null;
                userId: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/sessions/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              revoked: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/valuation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          sku?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | {
                  data: {
                    itemId: string;
                    /** @description fifo or average */
                    method: string;
                    qty: string;
                    sku: string;
                    /** @description value ÷ qty; null when none is on hand. */
                    unitCost: string | null;
                    value: string;
                  }[];
                  /** @description Pass as `cursor` for the next page; null on the last page. */
                  nextCursor: string | null;
                  /** @description Every item in the workspace, not only this page. */
                  totalValue: string;
                }
              | {
                  itemId: string;
                  /** @description fifo or average */
                  method: string;
                  qty: string;
                  sku: string;
                  /** @description value ÷ qty; null when none is on hand. */
                  unitCost: string | null;
                  value: string;
                };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/waste-reasons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                code: string;
                name: string;
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/waste-reasons/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              name: string;
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-centers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description By code, up to 500 a page (the default). */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                active: boolean;
                code: string;
                /** Format: uuid */
                id: string;
                location: string | null;
                name: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            location?: string;
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              /** Format: uuid */
              id: string;
              location: string | null;
              name: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-centers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              /** Format: uuid */
              id: string;
              location: string | null;
              name: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            location?: string | null;
            name?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              active: boolean;
              code: string;
              /** Format: uuid */
              id: string;
              location: string | null;
              name: string;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/work-centers/{id}/shifts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The work center's weekly shift calendar, by weekday and start. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @description HH:MM; earlier than starts: the shift runs overnight */
                ends: string;
                /** @description HH:MM, local time */
                starts: string;
                /** @description 0 = Sunday */
                weekday: number;
              }[];
            };
          };
        };
      };
    };
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            shifts: {
              ends: string;
              starts: string;
              /** @description 0 = Sunday */
              weekday: number;
            }[];
          };
        };
      };
      responses: {
        /** @description The work center's weekly shift calendar, by weekday and start. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @description HH:MM; earlier than starts: the shift runs overnight */
                ends: string;
                /** @description HH:MM, local time */
                starts: string;
                /** @description 0 = Sunday */
                weekday: number;
              }[];
            };
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          cursor?: string;
          dueFrom?: string;
          dueTo?: string;
          limit?: number;
          sku?: string;
          status?: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
          workCenter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                bom: {
                  /** Format: uuid */
                  id: string;
                  version: number;
                } | null;
                cancelledAt: string | null;
                cancelReason?: string | null;
                completedAt: string | null;
                components: {
                  /** @description A decimal number as text. */
                  consumedQty: string;
                  /** @description Value (money); only with the valuation.read permission. */
                  consumedValue?: string;
                  name: string;
                  /** @description Per unit of output, including planned scrap. */
                  qtyPerUnit: string;
                  /** @description A decimal number as text. */
                  requiredQty: string;
                  sku: string;
                  uom: string;
                }[];
                /** @description Location code the components are taken from. */
                componentsFrom: string;
                /** Format: date-time */
                createdAt: string;
                dueDate: string | null;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                itemId: string;
                itemName: string;
                /** @description WO-000001, numbered per workspace. */
                number: string;
                /** @description Location code the output is received into. */
                outputTo: string;
                /** @description Value (money); only with the valuation.read permission. */
                outputValue?: string;
                /** @description A decimal number as text. */
                producedQty: string;
                /** @description A decimal number as text. */
                qty: string;
                releasedAt: string | null;
                routing: {
                  /** Format: uuid */
                  id: string;
                  version: number;
                };
                /** @description A decimal number as text. */
                scrappedQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                scrapValue?: string;
                sku: string;
                startedAt: string | null;
                /** @enum {string} */
                status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
                steps: {
                  /** @description A decimal number as text. */
                  actualMinutes: string;
                  /** @description A decimal number as text. */
                  goodQty: string;
                  name: string;
                  /** @description A decimal number as text. */
                  scrapQty: string;
                  seq: number;
                  standardMinutes: string | null;
                  /** @enum {string} */
                  status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                  stdMinutesPerUnit: string | null;
                  /** @description Units waiting before this step. */
                  wip: string;
                  /** @description Work center code. */
                  workCenter: string;
                }[];
                /** @description A decimal number as text. */
                wipQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                wipValue?: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            bomId?: string;
            componentsFrom: string;
            /** Format: date */
            dueDate?: string;
            outputTo: string;
            qty: string | number;
            /** Format: uuid */
            routingId?: string;
            sku: string;
          };
        };
      };
      responses: {
        /** @description A draft shows the steps of its routing and the components of its BOM; from release on, the frozen snapshot. */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              bom: {
                /** Format: uuid */
                id: string;
                version: number;
              } | null;
              cancelledAt: string | null;
              cancelReason?: string | null;
              completedAt: string | null;
              components: {
                /** @description A decimal number as text. */
                consumedQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                consumedValue?: string;
                name: string;
                /** @description Per unit of output, including planned scrap. */
                qtyPerUnit: string;
                /** @description A decimal number as text. */
                requiredQty: string;
                sku: string;
                uom: string;
              }[];
              /** @description Location code the components are taken from. */
              componentsFrom: string;
              /** Format: date-time */
              createdAt: string;
              dueDate: string | null;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              itemName: string;
              /** @description WO-000001, numbered per workspace. */
              number: string;
              /** @description Location code the output is received into. */
              outputTo: string;
              /** @description Value (money); only with the valuation.read permission. */
              outputValue?: string;
              /** @description A decimal number as text. */
              producedQty: string;
              /** @description A decimal number as text. */
              qty: string;
              releasedAt: string | null;
              routing: {
                /** Format: uuid */
                id: string;
                version: number;
              };
              /** @description A decimal number as text. */
              scrappedQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              scrapValue?: string;
              sku: string;
              startedAt: string | null;
              /** @enum {string} */
              status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
              steps: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              }[];
              /** @description A decimal number as text. */
              wipQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              wipValue?: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A draft shows the steps of its routing and the components of its BOM; from release on, the frozen snapshot. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              bom: {
                /** Format: uuid */
                id: string;
                version: number;
              } | null;
              cancelledAt: string | null;
              cancelReason?: string | null;
              completedAt: string | null;
              components: {
                /** @description A decimal number as text. */
                consumedQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                consumedValue?: string;
                name: string;
                /** @description Per unit of output, including planned scrap. */
                qtyPerUnit: string;
                /** @description A decimal number as text. */
                requiredQty: string;
                sku: string;
                uom: string;
              }[];
              /** @description Location code the components are taken from. */
              componentsFrom: string;
              /** Format: date-time */
              createdAt: string;
              dueDate: string | null;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              itemName: string;
              /** @description WO-000001, numbered per workspace. */
              number: string;
              /** @description Location code the output is received into. */
              outputTo: string;
              /** @description Value (money); only with the valuation.read permission. */
              outputValue?: string;
              /** @description A decimal number as text. */
              producedQty: string;
              /** @description A decimal number as text. */
              qty: string;
              releasedAt: string | null;
              routing: {
                /** Format: uuid */
                id: string;
                version: number;
              };
              /** @description A decimal number as text. */
              scrappedQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              scrapValue?: string;
              sku: string;
              startedAt: string | null;
              /** @enum {string} */
              status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
              steps: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              }[];
              /** @description A decimal number as text. */
              wipQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              wipValue?: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Kept on the order as `cancelReason` (trimmed; blank means none given). */
            reason?: string;
          };
        };
      };
      responses: {
        /** @description A draft shows the steps of its routing and the components of its BOM; from release on, the frozen snapshot. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              bom: {
                /** Format: uuid */
                id: string;
                version: number;
              } | null;
              cancelledAt: string | null;
              cancelReason?: string | null;
              completedAt: string | null;
              components: {
                /** @description A decimal number as text. */
                consumedQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                consumedValue?: string;
                name: string;
                /** @description Per unit of output, including planned scrap. */
                qtyPerUnit: string;
                /** @description A decimal number as text. */
                requiredQty: string;
                sku: string;
                uom: string;
              }[];
              /** @description Location code the components are taken from. */
              componentsFrom: string;
              /** Format: date-time */
              createdAt: string;
              dueDate: string | null;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              itemName: string;
              /** @description WO-000001, numbered per workspace. */
              number: string;
              /** @description Location code the output is received into. */
              outputTo: string;
              /** @description Value (money); only with the valuation.read permission. */
              outputValue?: string;
              /** @description A decimal number as text. */
              producedQty: string;
              /** @description A decimal number as text. */
              qty: string;
              releasedAt: string | null;
              routing: {
                /** Format: uuid */
                id: string;
                version: number;
              };
              /** @description A decimal number as text. */
              scrappedQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              scrapValue?: string;
              sku: string;
              startedAt: string | null;
              /** @enum {string} */
              status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
              steps: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              }[];
              /** @description A decimal number as text. */
              wipQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              wipValue?: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Oldest first, up to 5000 a page (the default). */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** @enum {string} */
                action: 'start' | 'pause' | 'resume' | 'complete' | 'correct';
                correctedBy: string | null;
                corrects: string | null;
                /** Format: date-time */
                createdAt: string;
                createdBy: string | null;
                goodQty: string | null;
                /** Format: uuid */
                id: string;
                note: string | null;
                reason: string | null;
                scan: string | null;
                scrapQty: string | null;
                scrapReason: string | null;
                /** @description The step seq. */
                step: number;
                /** @description Work center code. */
                workCenter: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            action: 'start' | 'pause' | 'resume' | 'complete' | 'correct';
            /** Format: uuid */
            corrects?: string;
            goodQty?: string | number;
            note?: string;
            reason?: string;
            scan?: string;
            scrapQty?: string | number;
            scrapReason?: string;
            step: number;
            workCenter?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              action: 'start' | 'pause' | 'resume' | 'complete' | 'correct';
              corrects: string | null;
              /** Format: date-time */
              createdAt: string;
              createdBy: string | null;
              goodQty: string | null;
              /** Format: uuid */
              id: string;
              /** @description Ids of the ledger movements the event booked. */
              movements: string[];
              note: string | null;
              reason: string | null;
              scan: string | null;
              scrapQty: string | null;
              scrapReason: string | null;
              /** @description The step seq. */
              step: number;
              /** @description Work center code. */
              workCenter: string;
              /** @description The work order number. */
              workOrder: string;
              /** Format: uuid */
              workOrderId: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders/{id}/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A draft shows the steps of its routing and the components of its BOM; from release on, the frozen snapshot. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              bom: {
                /** Format: uuid */
                id: string;
                version: number;
              } | null;
              cancelledAt: string | null;
              cancelReason?: string | null;
              completedAt: string | null;
              components: {
                /** @description A decimal number as text. */
                consumedQty: string;
                /** @description Value (money); only with the valuation.read permission. */
                consumedValue?: string;
                name: string;
                /** @description Per unit of output, including planned scrap. */
                qtyPerUnit: string;
                /** @description A decimal number as text. */
                requiredQty: string;
                sku: string;
                uom: string;
              }[];
              /** @description Location code the components are taken from. */
              componentsFrom: string;
              /** Format: date-time */
              createdAt: string;
              dueDate: string | null;
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              itemId: string;
              itemName: string;
              /** @description WO-000001, numbered per workspace. */
              number: string;
              /** @description Location code the output is received into. */
              outputTo: string;
              /** @description Value (money); only with the valuation.read permission. */
              outputValue?: string;
              /** @description A decimal number as text. */
              producedQty: string;
              /** @description A decimal number as text. */
              qty: string;
              releasedAt: string | null;
              routing: {
                /** Format: uuid */
                id: string;
                version: number;
              };
              /** @description A decimal number as text. */
              scrappedQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              scrapValue?: string;
              sku: string;
              startedAt: string | null;
              /** @enum {string} */
              status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
              steps: {
                /** @description A decimal number as text. */
                actualMinutes: string;
                /** @description A decimal number as text. */
                goodQty: string;
                name: string;
                /** @description A decimal number as text. */
                scrapQty: string;
                seq: number;
                standardMinutes: string | null;
                /** @enum {string} */
                status: 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';
                stdMinutesPerUnit: string | null;
                /** @description Units waiting before this step. */
                wip: string;
                /** @description Work center code. */
                workCenter: string;
              }[];
              /** @description A decimal number as text. */
              wipQty: string;
              /** @description Value (money); only with the valuation.read permission. */
              wipValue?: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-orders/{id}/traveler.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              id: string;
              name: string;
              settings: {
                allowNegativeStock: boolean;
                requireMfaForAdmins: boolean;
                timeZone: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            settings?: {
              allowNegativeStock?: boolean;
              requireMfaForAdmins?: boolean;
              timeZone?: string;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              id: string;
              name: string;
              settings: {
                allowNegativeStock: boolean;
                requireMfaForAdmins: boolean;
                timeZone: string;
              };
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/workspaces/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              apiBaseUrl: string;
              code: string;
              name: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{code}/privacy-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          code: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: date */
              effectiveDate: string;
              material: boolean;
              /** Format: date-time */
              publishedAt: string;
              text: string;
              upcoming: {
                /** Format: date */
                effectiveDate: string;
                version: number;
              } | null;
              version: number;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** Problem */
    'def-0': {
      code: string;
      detail: string;
      errors?: {
        message: string;
        path: string;
      }[];
      status: number;
      title: string;
      type: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
