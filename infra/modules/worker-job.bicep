metadata name = 'Worker job'
metadata description = 'Event-driven Container Apps job running the render/inference worker on a GPU workload profile; KEDA starts one execution per waiting message on the render queue and nothing runs (or bills) while the queue is empty.'

@description('Required. Name of the job.')
@minLength(2)
@maxLength(32)
param name string

@description('Optional. Location of the job (same as the environment).')
param location string = resourceGroup().location

@description('Optional. Tags of the job (carry azd-service-name so `azd deploy` updates its image).')
param tags object = {}

@description('Required. Resource ID of the Container Apps environment.')
param environmentId string

@description('Required. Name of the GPU workload profile in the environment that runs the job.')
param workloadProfileName string

@description('Required. Resource ID of the user-assigned identity of the worker (pulls the image, reads the queue, reaches storage).')
param identityResourceId string

@description('Required. Client ID of the worker identity (AZURE_CLIENT_ID).')
param identityClientId string

@description('Required. Login server of the container registry.')
param registryLoginServer string

@description('Optional. Image to run; azd replaces it on deploy. The default is a public placeholder so that the first provision succeeds before any image is pushed.')
param image string = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

@description('Required. Service Bus namespace name (the KEDA scaler appends .servicebus.windows.net).')
param serviceBusNamespaceName string

@description('Required. Service Bus queue that triggers the job.')
param queueName string

@description('Optional. Messages waiting per execution before KEDA starts another one.')
@minValue(1)
param messagesPerExecution int = 1

@description('Optional. Most executions running at once (each takes one GPU).')
@minValue(1)
@maxValue(100)
param maxExecutions int = 4

@description('Optional. Seconds an execution may run before it is stopped (a final 4K render can take a while).')
@minValue(60)
@maxValue(86400)
param replicaTimeoutSeconds int = 3600

@description('Optional. Retries of a failed execution (the message itself is redelivered by Service Bus).')
@minValue(0)
@maxValue(10)
param replicaRetryLimit int = 1

@description('Optional. vCPUs of the worker container (at most 8 on T4, 24 on A100).')
@minValue(1)
@maxValue(24)
param cpu int = 8

@description('Optional. Memory of the worker container, e.g. 56Gi (T4) or 220Gi (A100).')
param memory string = '56Gi'

@description('Optional. Environment variables of the worker container (plain values only; no secrets).')
param environmentVariables {
  @description('Required. Variable name.')
  name: string
  @description('Required. Variable value.')
  value: string
}[] = []

resource job 'Microsoft.App/jobs@2026-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      triggerType: 'Event'
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: replicaRetryLimit
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: 30
          rules: [
            {
              name: 'render-queue'
              type: 'azure-servicebus'
              metadata: {
                namespace: serviceBusNamespaceName
                queueName: queueName
                messageCount: string(messagesPerExecution)
              }
              // The scaler authenticates with the worker identity; no connection string secret.
              identity: identityResourceId
            }
          ]
        }
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityResourceId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: image
          resources: {
            cpu: cpu
            memory: memory
          }
          env: concat(
            [
              {
                name: 'AZURE_CLIENT_ID'
                value: identityClientId
              }
            ],
            environmentVariables
          )
        }
      ]
    }
  }
}

@description('The resource ID of the job.')
output resourceId string = job.id

@description('The name of the job.')
output name string = job.name
